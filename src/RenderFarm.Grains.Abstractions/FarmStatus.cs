namespace RenderFarm.Grains;

/// <summary>The farm now: silos, workers, the render queue, throughput over the last minutes, recent failures.</summary>
[GenerateSerializer, Immutable]
public sealed record FarmStatus
{
    [Id(0)] public IReadOnlyList<SiloEntry> Silos { get; init; } = [];

    [Id(1)] public IReadOnlyList<WorkerStatus> Workers { get; init; } = [];

    [Id(2)] public long? QueueWaiting { get; init; }

    [Id(3)] public int? QueueConsumers { get; init; }

    [Id(4)] public string? QueueSource { get; init; }

    /// <summary>Renders finished per minute over the last five minutes, all workers.</summary>
    [Id(5)] public double DonePerMinute { get; init; }

    [Id(6)] public double FailedPerMinute { get; init; }

    [Id(7)] public IReadOnlyList<TaskFailure> RecentFailures { get; init; } = [];

    [Id(8)] public DateTimeOffset At { get; init; }
}
