using RenderFarm.Contracts.Reports;

namespace RenderFarm.Grains;

/// <summary>A render task as it stands: status, current attempt and worker, progress, heartbeat, results or error, and its attempts.</summary>
[GenerateSerializer, Immutable]
public sealed record RenderTaskSnapshot
{
    [Id(0)] public required string TaskId { get; init; }

    [Id(1)] public required RenderTaskSpec Spec { get; init; }

    [Id(2)] public required JobStatus Status { get; init; }

    [Id(3)] public int Attempt { get; init; }

    [Id(4)] public string? Worker { get; init; }

    [Id(5)] public double Progress { get; init; }

    [Id(6)] public DateTimeOffset? LastHeartbeat { get; init; }

    [Id(7)] public IReadOnlyList<TaskOutput> Outputs { get; init; } = [];

    /// <summary>What the render that succeeded reported: its report file and headline, or its deliverable's entry.</summary>
    [Id(14)] public TaskReport? Report { get; init; }

    [Id(9)] public string? Error { get; init; }

    [Id(10)] public IReadOnlyList<AttemptRecord> Attempts { get; init; } = [];

    /// <summary>Completions that arrived again or too late (older attempts, duplicates) and were ignored.</summary>
    [Id(11)] public int IgnoredReports { get; init; }

    /// <summary>The task is paused: no attempt is out until it is resumed.</summary>
    [Id(12)] public bool Paused { get; init; }

    /// <summary>The current attempt's command waits in the outbox: the bus has not taken it yet.</summary>
    [Id(13)] public bool Unsent { get; init; }
}
