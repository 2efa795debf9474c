namespace RenderFarm.Grains.Accounts;

/// <summary>
/// Accounts, API tokens and the dashboard's key ring, in one grain (a farm has tens of accounts, not
/// millions). Five failed sign-ins in a row lock an account for a minute, doubling up to an hour.
/// </summary>
public sealed class AccountsGrain([PersistentState("accounts", FarmStorage.Name)] IPersistentState<AccountsState> state) : Grain, IAccountsGrain
{
    public const int FailuresBeforeLock = 5;

    private AccountsState S => state.State;

    public Task<bool> Any() => Task.FromResult(S.Accounts.Count > 0);

    public async Task<bool> Add(Account account, bool onlyIfNone = false)
    {
        ArgumentNullException.ThrowIfNull(account);
        if (S.Accounts.ContainsKey(account.Name) || (onlyIfNone && S.Accounts.Count > 0))
        {
            return false;
        }

        S.Accounts[account.Name] = account;
        await Save();
        return true;
    }

    public Task<Account?> Find(string name) => Task.FromResult(S.Accounts.GetValueOrDefault(name));

    public Task<IReadOnlyList<Account>> List() => Task.FromResult<IReadOnlyList<Account>>([.. S.Accounts.Values.OrderBy(a => a.Name, StringComparer.Ordinal)]);

    public async Task<bool> SetPassword(string name, string passwordHash, string stamp)
    {
        if (S.Accounts.GetValueOrDefault(name) is not { } account)
        {
            return false;
        }

        S.Accounts[name] = account with { PasswordHash = passwordHash, Stamp = stamp, Failures = 0, LockedUntil = null };
        RevokeTokensOf(name);

        await Save();
        return true;
    }

    public async Task<bool> Remove(string name)
    {
        if (!S.Accounts.Remove(name))
        {
            return false;
        }

        RevokeTokensOf(name);

        await Save();
        return true;
    }

    public async Task Failed(string name, DateTimeOffset now)
    {
        if (S.Accounts.GetValueOrDefault(name) is not { } account)
        {
            return;
        }

        var failures = account.Failures + 1;
        var locks = failures / FailuresBeforeLock;
        var lockedUntil = failures % FailuresBeforeLock == 0
            ? now + TimeSpan.FromMinutes(Math.Min(60, 1 << Math.Min(locks - 1, 6)))
            : account.LockedUntil;
        S.Accounts[name] = account with { Failures = failures, LockedUntil = lockedUntil };
        await Save();
    }

    public async Task<bool> Succeeded(string name, DateTimeOffset now)
    {
        if (S.Accounts.GetValueOrDefault(name) is not { } account || account.LockedUntil > now)
        {
            return false;
        }

        if (account.Failures > 0)
        {
            S.Accounts[name] = account with { Failures = 0, LockedUntil = null };
            await Save();
        }

        return true;
    }

    public async Task AddToken(ApiToken token)
    {
        ArgumentNullException.ThrowIfNull(token);
        if (!S.Accounts.ContainsKey(token.Account))
        {
            throw new ArgumentException($"no account '{token.Account}'", nameof(token));
        }

        S.Tokens[token.Id] = token;
        await Save();
    }

    public Task<ApiToken?> FindToken(string id) => Task.FromResult(S.Tokens.GetValueOrDefault(id));

    public Task<IReadOnlyList<ApiToken>> Tokens() => Task.FromResult<IReadOnlyList<ApiToken>>([.. S.Tokens.Values.OrderBy(t => t.CreatedAt)]);

    public async Task<bool> RemoveToken(string id)
    {
        if (!S.Tokens.Remove(id))
        {
            return false;
        }

        await Save();
        return true;
    }

    public Task<IReadOnlyList<string>> Keys() => Task.FromResult<IReadOnlyList<string>>([.. S.Keys]);

    public async Task AddKey(string xml)
    {
        S.Keys.Add(xml);
        await Save();
    }

    private void RevokeTokensOf(string account)
    {
        foreach (var token in S.Tokens.Values.Where(t => t.Account == account).ToArray())
        {
            S.Tokens.Remove(token.Id);
        }
    }

    // Writes the state; when that fails (the store away), the state is read back so memory and store agree,
    // and the caller gets the error.
    private async Task Save()
    {
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            await state.ReadStateAsync();
            throw;
        }
    }
}
