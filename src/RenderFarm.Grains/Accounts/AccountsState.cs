namespace RenderFarm.Grains.Accounts;

/// <summary>The persisted accounts, API tokens and data-protection keys.</summary>
[GenerateSerializer]
public sealed class AccountsState
{
    [Id(0)] public Dictionary<string, Account> Accounts { get; set; } = new(StringComparer.Ordinal);

    [Id(1)] public Dictionary<string, ApiToken> Tokens { get; set; } = new(StringComparer.Ordinal);

    [Id(2)] public List<string> Keys { get; set; } = [];
}
