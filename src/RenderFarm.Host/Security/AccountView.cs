using RenderFarm.Grains;

namespace RenderFarm.Host.Security;

/// <summary>An account as the API shows it: never its hash.</summary>
public sealed record AccountView(string Name, string Role, string? Client, DateTimeOffset CreatedAt, bool Locked)
{
    public static AccountView Of(Account account, DateTimeOffset now) =>
        new(account.Name, FarmClaims.RoleName(account.Role), account.Client, account.CreatedAt, account.LockedUntil > now);
}
