using System.CommandLine;
using System.Globalization;
using System.Text.Json;

namespace RenderFarm.Cli.Commands;

/// <summary><c>renderfarm status [ID]</c>: every catalogue on the farm, or one catalogue's titles.</summary>
internal static class StatusCommand
{
    public static Command Create()
    {
        var id = new Argument<string?>("id") { Description = "A catalogue's id (default: list them all)", Arity = ArgumentArity.ZeroOrOne };
        var server = FarmOptions.Server();
        var json = new Option<bool>("--json") { Description = "Print the farm's JSON" };
        var command = new Command("status", "Show the farm's catalogues, or one catalogue's titles") { id, server, json };
        command.SetAction(async (parse, _) => await Run(parse.GetValue(id), parse.GetValue(server), parse.GetValue(json), Console.Out, Console.Error));
        return command;
    }

    internal static async Task<int> Run(string? id, string? server, bool json, TextWriter output, TextWriter error)
    {
        try
        {
            using var farm = new FarmClient(server);
            var body = await farm.Get(id is null ? "api/catalogs" : $"api/catalogs/{Uri.EscapeDataString(id)}");
            if (json)
            {
                output.WriteLine(body.GetRawText());
            }
            else if (id is null)
            {
                foreach (var c in body.EnumerateArray())
                {
                    output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"{c.GetProperty("catalogId").GetString(),-28} {c.GetProperty("status").GetString(),-10} {c.GetProperty("progress").GetDouble() * 100,5:0}%  {c.GetProperty("succeeded").GetInt32()}/{c.GetProperty("titles").GetInt32()} done, {c.GetProperty("failed").GetInt32()} failed  {c.GetProperty("name").GetString()}"));
                }
            }
            else
            {
                WriteCatalog(body, output);
            }

            return 0;
        }
        catch (FarmClientException e)
        {
            error.WriteLine($"renderfarm status: {e.Message}");
            return MasterCommand.ExitFailed;
        }
    }

    public static void WriteCatalog(JsonElement c, TextWriter output)
    {
        output.WriteLine($"{c.GetProperty("catalogId").GetString()} '{c.GetProperty("name").GetString()}': {c.GetProperty("status").GetString()}{(c.GetProperty("paused").GetBoolean() ? " (paused)" : "")}, priority {c.GetProperty("priority").GetInt32()}");
        foreach (var t in c.GetProperty("titles").EnumerateArray())
        {
            var error = t.TryGetProperty("error", out var e) && e.ValueKind == JsonValueKind.String ? "  " + e.GetString() : "";
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {t.GetProperty("titleId").GetString()![(t.GetProperty("catalogId").GetString()!.Length + 1)..]} {Bar(t.GetProperty("progress").GetDouble())} {t.GetProperty("status").GetString(),-9} {t.GetProperty("stage").GetString(),-7} {t.GetProperty("spec").GetProperty("source").GetString()}{error}"));
        }
    }

    public static string Bar(double fraction)
    {
        const int Width = 20;
        var filled = (int)Math.Round(Math.Clamp(fraction, 0, 1) * Width);
        return string.Create(CultureInfo.InvariantCulture, $"[{new string('#', filled)}{new string('.', Width - filled)}] {fraction * 100,3:0}%");
    }
}
