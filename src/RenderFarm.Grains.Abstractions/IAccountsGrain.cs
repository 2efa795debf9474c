namespace RenderFarm.Grains;

/// <summary>
/// The farm's accounts and API tokens (one grain, key 0, its state in the farm's storage: a file on the
/// embedded default, Redis on a cluster). It stores; it does not judge: password hashes and token hashes
/// are made and checked by the host (<c>RenderFarm.Host.Security</c>), so no secret reaches the grain.
/// A change that cannot be written is undone in memory too (the caller sees the error, nothing half-done).
/// </summary>
public interface IAccountsGrain : IGrainWithIntegerKey
{
    /// <summary>Whether any account exists (the first start makes an admin).</summary>
    Task<bool> Any();

    /// <summary>Adds an account; false when the name is taken (and only then, unless <paramref name="onlyIfNone"/> and some account exists).</summary>
    Task<bool> Add(Account account, bool onlyIfNone = false);

    Task<Account?> Find(string name);

    Task<IReadOnlyList<Account>> List();

    /// <summary>
    /// Sets an account's password hash and a new stamp (every sign-in made before ends), revokes its API tokens
    /// and clears its lock-out; false when there is none by that name.
    /// </summary>
    Task<bool> SetPassword(string name, string passwordHash, string stamp);

    /// <summary>Removes an account and its tokens; false when there is none by that name.</summary>
    Task<bool> Remove(string name);

    /// <summary>A failed sign-in: counts towards a short lock-out of the account (see <see cref="Account.LockedUntil"/>).</summary>
    Task Failed(string name, DateTimeOffset now);

    /// <summary>
    /// A password checked right: true, and the failure count starts again, unless the account is locked
    /// out at <paramref name="now"/> (decided here, after the check, so guesses sent side by side cannot
    /// slip past a lock one of them set).
    /// </summary>
    Task<bool> Succeeded(string name, DateTimeOffset now);

    Task AddToken(ApiToken token);

    /// <summary>The token by its public id (the part before its secret), or null.</summary>
    Task<ApiToken?> FindToken(string id);

    Task<IReadOnlyList<ApiToken>> Tokens();

    /// <summary>Revokes a token; false when there is none by that id.</summary>
    Task<bool> RemoveToken(string id);

    /// <summary>The dashboard's data-protection key ring (XML elements), shared by every silo so a cookie one silo made another reads.</summary>
    Task<IReadOnlyList<string>> Keys();

    Task AddKey(string xml);
}
