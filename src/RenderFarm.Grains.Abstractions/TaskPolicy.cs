namespace RenderFarm.Grains;

/// <summary>How long a task may stay silent and how often it is tried.</summary>
[GenerateSerializer, Immutable]
public sealed record TaskPolicy
{
    /// <summary>A running attempt with no heartbeat for this long is abandoned and the task dispatched again.</summary>
    [Id(0)] public TimeSpan HeartbeatTimeout { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>Attempts in all, the first included, before the task fails.</summary>
    [Id(1)] public int MaxAttempts { get; init; } = 3;
}
