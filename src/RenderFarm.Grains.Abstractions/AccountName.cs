using System.Text.RegularExpressions;

namespace RenderFarm.Grains;

/// <summary>The names of people's accounts and of clients: lower-case letters, digits, '.', '_' and '-', 1 to 64, starting with a letter or digit.</summary>
public static partial class AccountName
{
    public const string Rule = "lower-case letters, digits, '.', '_' and '-', 1 to 64, starting with a letter or digit";

    public static bool IsValid(string? name) => name is not null && Pattern().IsMatch(name);

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]{0,63}$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex Pattern();
}
