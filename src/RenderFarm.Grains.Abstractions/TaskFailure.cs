namespace RenderFarm.Grains;

/// <summary>A render that failed: which task and attempt, why, when, and whether another attempt may mend it.</summary>
[GenerateSerializer, Immutable]
public sealed record TaskFailure(
    [property: Id(0)] string TaskId,
    [property: Id(1)] int Attempt,
    [property: Id(2)] string Reason,
    [property: Id(3)] bool Retryable,
    [property: Id(4)] DateTimeOffset At,
    [property: Id(5)] string? Worker = null);
