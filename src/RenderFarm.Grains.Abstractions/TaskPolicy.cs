namespace RenderFarm.Grains;

/// <summary>
/// A task's clocks and how often it is tried. Every state but the ends has a clock: a command not yet on
/// the bus is sent every few seconds; one on the bus that no worker has claimed within <see cref="QueueTimeout"/>
/// is sent again (the same attempt, each wait twice the last, up to an hour); a claimed attempt whose lease
/// is not renewed within <see cref="HeartbeatTimeout"/>, or that runs past <see cref="RunTimeout"/>, is
/// abandoned and tried again.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record TaskPolicy
{
    /// <summary>A claimed attempt whose worker has not renewed its lease for this long is abandoned and the task dispatched again.</summary>
    [Id(0)] public TimeSpan HeartbeatTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Attempts in all, the first included, before the task fails.</summary>
    [Id(1)] public int MaxAttempts { get; init; } = 3;

    /// <summary>A command on the bus that no worker has claimed for this long is sent again (schedule to start).</summary>
    [Id(2)] public TimeSpan QueueTimeout { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>An attempt still running this long after its claim is abandoned as hung, though it renews (start to close).</summary>
    [Id(3)] public TimeSpan RunTimeout { get; init; } = TimeSpan.FromHours(12);
}
