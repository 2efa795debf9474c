namespace RenderFarm.Grains;

/// <summary>An API token: its public id, the SHA-256 of its secret, whose it is. The secret itself is shown once, when made.</summary>
[GenerateSerializer, Immutable]
public sealed record ApiToken
{
    [Id(0)] public required string Id { get; init; }

    [Id(1)] public required string SecretHash { get; init; }

    [Id(2)] public required string Account { get; init; }

    /// <summary>What the token is for (a script's name).</summary>
    [Id(3)] public required string Label { get; init; }

    [Id(4)] public DateTimeOffset CreatedAt { get; init; }

    [Id(5)] public DateTimeOffset? ExpiresAt { get; init; }
}
