using System.Security.Claims;
using RenderFarm.Grains;

namespace RenderFarm.Host.Security;

/// <summary>
/// Signs people in and scripts' tokens, over the accounts grain: passwords and token secrets are checked
/// here, in the host, and never sent to the grain or written to a log.
/// </summary>
public sealed class Accounts(IGrainFactory grains, TimeProvider time)
{
    public const string CookieScheme = "cookie";
    public const string TokenScheme = "token";
    private static readonly string DummyHash = Secrets.HashPassword("a password no one has", 210_000);

    private IAccountsGrain Grain => grains.GetGrain<IAccountsGrain>(0);

    /// <summary>The account when the password is right and the account not locked out; else null (the same time is spent whether the account exists or not).</summary>
    public async Task<Account?> SignIn(string? name, string? password)
    {
        var account = AccountName.IsValid(name) ? await Grain.Find(name!) : null;
        var right = Secrets.VerifyPassword(password ?? string.Empty, account?.PasswordHash ?? DummyHash);
        if (account is null)
        {
            return null;
        }

        if (account.LockedUntil is { } until && until > time.GetUtcNow())
        {
            return null;
        }

        if (!right)
        {
            await Grain.Failed(account.Name, time.GetUtcNow());
            return null;
        }

        // The grain decides, after the check: a lock that a guess sent beside this one set still holds.
        return await Grain.Succeeded(account.Name, time.GetUtcNow()) ? account : null;
    }

    /// <summary>The account a bearer token belongs to, when the token is known, unexpired and its secret right.</summary>
    public async Task<Account?> Authenticate(string text)
    {
        if (Secrets.ParseToken(text) is not { } parsed || await Grain.FindToken(parsed.Id) is not { } token
            || !Secrets.VerifyToken(token, parsed.Secret) || token.ExpiresAt is { } expires && expires <= time.GetUtcNow())
        {
            return null;
        }

        return await Grain.Find(token.Account);
    }

    /// <summary>A new token for an account; its text, shown once.</summary>
    public async Task<(ApiToken Token, string Text)> NewToken(string account, string label, TimeSpan? lifetime)
    {
        var now = time.GetUtcNow();
        var made = Secrets.NewToken(account, label, now, lifetime is { } l ? now + l : null);
        await Grain.AddToken(made.Token);
        return made;
    }

    /// <summary>
    /// Whether the principal still stands for the account as it is: not removed (nor removed and made
    /// again), role and client unchanged, password not changed since (the stamp).
    /// </summary>
    public async Task<bool> StillValid(ClaimsPrincipal principal)
    {
        ArgumentNullException.ThrowIfNull(principal);
        return principal.Identity?.Name is { } name && await Grain.Find(name) is { } account
            && principal.IsInRole(FarmClaims.RoleName(account.Role)) && principal.FindFirst(FarmClaims.Client)?.Value == account.Client
            && principal.FindFirst(StampClaim)?.Value == account.Stamp;
    }

    /// <summary>A new account's record (its password hashed, a new stamp).</summary>
    public Account NewAccount(string name, Role role, string? client, string password) =>
        new() { Name = name, Role = role, Client = client, PasswordHash = Secrets.HashPassword(password), CreatedAt = time.GetUtcNow(), Stamp = Secrets.NewStamp() };

    /// <summary>Sets a new password: every sign-in of the account ends (the caller's too) and its API tokens are revoked.</summary>
    public Task<bool> SetPassword(string name, string password) => Grain.SetPassword(name, Secrets.HashPassword(password), Secrets.NewStamp());

    private const string StampClaim = "renderfarm:stamp";

    public static ClaimsPrincipal Principal(Account account, string scheme)
    {
        ArgumentNullException.ThrowIfNull(account);
        var claims = new List<Claim> { new(ClaimTypes.Name, account.Name), new(ClaimTypes.Role, FarmClaims.RoleName(account.Role)), new(StampClaim, account.Stamp) };
        if (account.Client is { } client)
        {
            claims.Add(new Claim(FarmClaims.Client, client));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, scheme, ClaimTypes.Name, ClaimTypes.Role));
    }
}
