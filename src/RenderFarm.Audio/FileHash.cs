using System.Security.Cryptography;

namespace RenderFarm.Audio;

/// <summary>The SHA-256 by which every output is recorded and checked, as lower-case hex.</summary>
public static class FileHash
{
    /// <summary>The SHA-256 of a file's bytes, read in one streaming pass.</summary>
    public static string Sha256(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    /// <summary>The SHA-256 of bytes in memory.</summary>
    public static string Sha256(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}
