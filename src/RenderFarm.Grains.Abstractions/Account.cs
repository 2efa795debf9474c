namespace RenderFarm.Grains;

/// <summary>A person's or a script owner's account. <see cref="Client"/> is set for the client role only.</summary>
[GenerateSerializer, Immutable]
public sealed record Account
{
    [Id(0)] public required string Name { get; init; }

    [Id(1)] public required Role Role { get; init; }

    [Id(2)] public string? Client { get; init; }

    /// <summary>PBKDF2 hash of the password with its salt and iteration count (see the host's PasswordHash).</summary>
    [Id(3)] public required string PasswordHash { get; init; }

    [Id(4)] public DateTimeOffset CreatedAt { get; init; }

    /// <summary>Sign-ins failed in a row.</summary>
    [Id(5)] public int Failures { get; init; }

    /// <summary>Sign-in refused until then after too many failures in a row.</summary>
    [Id(6)] public DateTimeOffset? LockedUntil { get; init; }

    /// <summary>
    /// Made new with the account and at each password change: a sign-in carries the stamp it was made
    /// with and stops when the account's stamp is no longer it (a re-made account's old sign-ins too).
    /// </summary>
    [Id(7)] public string Stamp { get; init; } = string.Empty;
}
