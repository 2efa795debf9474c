using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using RenderFarm.Grains;

namespace RenderFarm.Host.Security;

/// <summary>
/// Password hashes (PBKDF2-HMAC-SHA256, 16-byte salt, 210,000 iterations: OWASP's figure for it) and API
/// tokens (<c>rf_ID_SECRET</c>: a public 12-hex id to find it by, a 256-bit secret of which only the SHA-256
/// is kept). Every comparison takes the same time whatever matches.
/// </summary>
public static class Secrets
{
    public const int MinPasswordLength = 12;
    public const int MaxPasswordLength = 256;
    private const int Iterations = 210_000;
    private const string Scheme = "pbkdf2-sha256";

    public static string HashPassword(string password, int iterations = Iterations)
    {
        ArgumentNullException.ThrowIfNull(password);
        var salt = RandomNumberGenerator.GetBytes(16);
        var hash = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, iterations, HashAlgorithmName.SHA256, 32);
        return string.Create(CultureInfo.InvariantCulture, $"{Scheme}${iterations}${Convert.ToBase64String(salt)}${Convert.ToBase64String(hash)}");
    }

    public static bool VerifyPassword(string password, string stored)
    {
        ArgumentNullException.ThrowIfNull(password);
        ArgumentNullException.ThrowIfNull(stored);
        var parts = stored.Split('$');
        if (parts.Length != 4 || parts[0] != Scheme || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var iterations) || iterations is < 1 or > 10_000_000)
        {
            return false;
        }

        var expected = Convert.FromBase64String(parts[3]);
        var actual = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), Convert.FromBase64String(parts[2]), iterations, HashAlgorithmName.SHA256, expected.Length);
        return CryptographicOperations.FixedTimeEquals(actual, expected);
    }

    /// <summary>Why a password is refused, or null when it will do.</summary>
    public static string? PasswordProblem(string? password) =>
        password is null || password.Length < MinPasswordLength ? $"must have at least {MinPasswordLength} characters"
        : password.Length > MaxPasswordLength ? $"must have at most {MaxPasswordLength} characters"
        : null;

    /// <summary>A random password for the first account (24 characters of base64url: 144 bits).</summary>
    public static string NewPassword() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(18)).Replace('+', '-').Replace('/', '_');

    /// <summary>A new security stamp (see Account.Stamp).</summary>
    public static string NewStamp() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    /// <summary>A new token for <paramref name="account"/>: what is stored, and the text given to its owner once.</summary>
    public static (ApiToken Token, string Text) NewToken(string account, string label, DateTimeOffset now, DateTimeOffset? expires)
    {
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
        var secret = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        var token = new ApiToken { Id = id, SecretHash = Hash(secret), Account = account, Label = label, CreatedAt = now, ExpiresAt = expires };
        return (token, $"rf_{id}_{secret}");
    }

    /// <summary>The id and secret of a token's text, or null when it is not shaped like one.</summary>
    public static (string Id, string Secret)? ParseToken(string text)
    {
        var parts = text.Split('_');
        return parts.Length == 3 && parts[0] == "rf" && parts[1].Length == 12 && parts[2].Length == 64 && parts[1].All(char.IsAsciiHexDigitLower) && parts[2].All(char.IsAsciiHexDigitLower)
            ? (parts[1], parts[2])
            : null;
    }

    public static bool VerifyToken(ApiToken token, string secret)
    {
        ArgumentNullException.ThrowIfNull(token);
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Hash(secret)), Encoding.ASCII.GetBytes(token.SecretHash));
    }

    private static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(secret)));
}
