using System.CommandLine;
using System.Globalization;
using System.Text.Json;

namespace RenderFarm.Cli.Commands;

/// <summary><c>renderfarm watch ID</c>: follows a catalogue with a progress bar per title until it ends; the exit code says whether every title succeeded.</summary>
internal static class WatchCommand
{
    public static Command Create()
    {
        var id = new Argument<string>("id") { Description = "A catalogue's id" };
        var server = FarmOptions.Server();
        var command = new Command("watch", "Follow a catalogue's progress until it ends") { id, server };
        command.SetAction(async (parse, _) =>
        {
            try
            {
                using var farm = new FarmClient(parse.GetValue(server));
                return await Follow(farm, parse.GetValue(id)!, Console.Out);
            }
            catch (FarmClientException e)
            {
                await Console.Error.WriteLineAsync($"renderfarm watch: {e.Message}");
                return MasterCommand.ExitFailed;
            }
        });
        return command;
    }

    public static async Task<int> Follow(FarmClient farm, string id, TextWriter output)
    {
        var live = ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected;
        var lastText = string.Empty;
        var lines = 0;
        while (true)
        {
            var catalog = await farm.Get($"api/catalogs/{Uri.EscapeDataString(id)}");
            var status = catalog.GetProperty("status").GetString();
            var text = Render(catalog);
            if (text != lastText)
            {
                if (live && lines > 0)
                {
                    output.Write($"\u001b[{lines}A\u001b[J"); // redraw in place on a terminal
                }

                output.Write(text);
                lines = text.Count(c => c == '\n');
                lastText = text;
            }

            if (status is "Succeeded" or "Failed" or "Cancelled")
            {
                return status == "Succeeded" ? 0 : MasterCommand.ExitFailed;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(500), farm.Time);
        }
    }

    private static string Render(JsonElement catalog)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        StatusCommand.WriteCatalog(catalog, text);
        text.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  all {StatusCommand.Bar(catalog.GetProperty("progress").GetDouble())}"));
        return text.ToString();
    }
}
