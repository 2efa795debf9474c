using System.CommandLine;

namespace RenderFarm.Cli.Commands;

/// <summary>
/// <c>renderfarm login --account NAME [--server URL] [--days N]</c>: reads the account's password from
/// standard input (one line, so a script pipes it from a file) and prints a new API token for
/// RENDERFARM_TOKEN. The password is never an argument.
/// </summary>
internal static class LoginCommand
{
    public static Command Create()
    {
        var account = new Option<string>("--account", "-a") { Description = "The account to sign in as", Required = true };
        var days = new Option<double?>("--days") { Description = "How long the token lasts (default: until revoked)" };
        var label = new Option<string>("--label") { Description = "What the token is for", DefaultValueFactory = _ => "renderfarm cli" };
        var server = FarmOptions.Server();
        var command = new Command("login", "Exchange an account's password (read from standard input) for an API token, printed for RENDERFARM_TOKEN") { account, days, label, server };
        command.SetAction(async (parse, cancellation) =>
        {
            var password = await Console.In.ReadLineAsync(cancellation);
            try
            {
                using var farm = new FarmClient(parse.GetValue(server));
                var token = await farm.Post("api/signin/token", new { account = parse.GetValue(account), password, label = parse.GetValue(label), days = parse.GetValue(days) });
                await Console.Out.WriteLineAsync(token.GetProperty("token").GetString());
                return 0;
            }
            catch (FarmClientException e)
            {
                await Console.Error.WriteLineAsync($"renderfarm login: {e.Message}");
                return MasterCommand.ExitFailed;
            }
        });
        return command;
    }
}
