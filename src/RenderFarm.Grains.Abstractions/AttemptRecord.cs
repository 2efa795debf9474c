namespace RenderFarm.Grains;

/// <summary>One attempt at a task: when it was dispatched, which worker took it, how it ended.</summary>
[GenerateSerializer, Immutable]
public sealed record AttemptRecord
{
    [Id(0)] public required int Attempt { get; init; }

    [Id(1)] public required DateTimeOffset DispatchedAt { get; init; }

    [Id(2)] public string? Worker { get; init; }

    [Id(3)] public DateTimeOffset? EndedAt { get; init; }

    /// <summary><c>succeeded</c>, <c>failed: reason</c>, <c>timed out</c>, <c>cancelled</c>; null while it runs.</summary>
    [Id(4)] public string? Outcome { get; init; }

    /// <summary>When a worker reported it had started the attempt.</summary>
    [Id(5)] public DateTimeOffset? StartedAt { get; init; }

    /// <summary>The worker's log of the attempt (taken, waited, rendered, how it ended and where it failed), at most <see cref="MaxLogLength"/> characters.</summary>
    [Id(6)] public string? Log { get; init; }

    public const int MaxLogLength = 4096;
}
