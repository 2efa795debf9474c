using Microsoft.Extensions.Options;
using RenderFarm.Grains;
using RenderFarm.Host.Hosting;

namespace RenderFarm.Host.Security;

/// <summary>
/// The first start of a farm makes its first account, <c>admin</c>: with Farm:AdminPassword when it is set
/// (from an env file, never the command line), else a random password written to
/// <c>DATA/admin-password</c>, readable by this user only. The log says where, never what.
/// </summary>
public sealed partial class AccountBootstrap(IGrainFactory grains, IOptions<FarmOptions> options, Accounts made, ILogger<AccountBootstrap> log) : IHostedService
{
    public const string FirstAccount = "admin";
    public const string PasswordFile = "admin-password";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var farm = options.Value;
        var accounts = grains.GetGrain<IAccountsGrain>(0);
        if (await accounts.Any())
        {
            return;
        }

        var password = farm.AdminPassword ?? Secrets.NewPassword();
        var account = made.NewAccount(FirstAccount, Role.Admin, null, password);
        if (!await accounts.Add(account, onlyIfNone: true))
        {
            return; // another silo made it first
        }

        if (farm.AdminPassword is not null)
        {
            MadeWithGivenPassword(log, FirstAccount);
            return;
        }

        Directory.CreateDirectory(farm.DataDirectory);
        var file = Path.Combine(farm.DataDirectory, PasswordFile);
        var create = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            create.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        await using (var stream = new FileStream(file, create))
        await using (var writer = new StreamWriter(stream))
        {
            await writer.WriteLineAsync(password);
        }

        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite); // a file left by an earlier farm keeps its mode otherwise
        }

        MadeWithPasswordFile(log, FirstAccount, file);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Made the first account, {Account}, with the password Farm:AdminPassword gives")]
    private static partial void MadeWithGivenPassword(ILogger logger, string account);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Made the first account, {Account}; its password is in {File} (readable by this user only): sign in and change it")]
    private static partial void MadeWithPasswordFile(ILogger logger, string account, string file);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
