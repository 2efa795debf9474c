using RenderFarm.Grains;

namespace RenderFarm.Host.Security;

/// <summary>A script's sign-in: an account's password exchanged for an API token.</summary>
public sealed record TokenSignIn(string? Account, string? Password, string? Label, double? Days);

/// <summary>A token for the caller (or, for an admin, for <see cref="Account"/>).</summary>
public sealed record TokenRequest(string? Label, double? Days, string? Account);

/// <summary>A new account (admins only).</summary>
public sealed record AccountRequest(string? Name, Role? Role, string? Client, string? Password);

/// <summary>A new password; <see cref="Current"/> is needed to change one's own (not for an admin).</summary>
public sealed record PasswordChange(string? Password, string? Current = null);

/// <summary>An account as the API shows it: never its hash.</summary>
public sealed record AccountView(string Name, string Role, string? Client, DateTimeOffset CreatedAt, bool Locked)
{
    public static AccountView Of(Account account, DateTimeOffset now) =>
        new(account.Name, FarmClaims.RoleName(account.Role), account.Client, account.CreatedAt, account.LockedUntil > now);
}

/// <summary>A token as the API shows it: its id and whose it is; the secret only once, in <see cref="Token"/>, when made.</summary>
public sealed record TokenView(string Id, string Account, string Label, DateTimeOffset CreatedAt, DateTimeOffset? ExpiresAt, string? Token = null)
{
    public static TokenView Of(ApiToken token, string? text = null) => new(token.Id, token.Account, token.Label, token.CreatedAt, token.ExpiresAt, text);
}
