namespace RenderFarm.Grains;

/// <summary>
/// What the farm is doing now (one grain, key 0): every silo reports its workers every few seconds; the
/// farm page reads the silos (from cluster membership), their workers, the render queue, throughput and
/// recent failures. Nothing is stored: after a restart the picture is whole again within one report.
/// </summary>
public interface IFarmStatusGrain : IGrainWithIntegerKey
{
    Task Report(WorkerReport report);

    Task<FarmStatus> GetStatus();
}

/// <summary>A silo's worker as it reports itself.</summary>
[GenerateSerializer, Immutable]
public sealed record WorkerReport
{
    [Id(0)] public required string Worker { get; init; }

    [Id(1)] public required string Host { get; init; }

    [Id(2)] public int Slots { get; init; }

    /// <summary>Renders running now.</summary>
    [Id(3)] public int Busy { get; init; }

    /// <summary>Since the worker started: renders finished, and failed.</summary>
    [Id(4)] public long Done { get; init; }

    [Id(5)] public long Failed { get; init; }

    /// <summary>Seconds spent rendering since the worker started, over all slots.</summary>
    [Id(6)] public double BusySeconds { get; init; }

    [Id(7)] public DateTimeOffset StartedAt { get; init; }

    [Id(8)] public DateTimeOffset ReportedAt { get; init; }

    [Id(9)] public IReadOnlyList<string> Running { get; init; } = [];

    [Id(10)] public IReadOnlyList<TaskFailure> RecentFailures { get; init; } = [];

    /// <summary>Render commands waiting in the queue, as this silo sees it (the broker's count, or the embedded bus's); null when unknown.</summary>
    [Id(11)] public long? QueueWaiting { get; init; }

    /// <summary>Consumers of the render queue (the broker's count); null when unknown.</summary>
    [Id(12)] public int? QueueConsumers { get; init; }

    /// <summary>Where the queue count comes from: <c>rabbitmq</c> or <c>in-process</c>.</summary>
    [Id(13)] public string? QueueSource { get; init; }

    /// <summary>Since the worker started: commands dropped (a copy of an attempt already rendering, or one whose claim was refused).</summary>
    [Id(14)] public long Dropped { get; init; }

    /// <summary>Since the worker started: renders stopped because their attempt was no longer current (paused, cancelled, superseded).</summary>
    [Id(15)] public long Stopped { get; init; }

    /// <summary>Of <see cref="Busy"/>, renders held silent on purpose by fault injection (<c>Farm:HangPercent</c>): deaf to their task until they wake.</summary>
    [Id(16)] public int Hanging { get; init; }
}

/// <summary>A render that failed: which task and attempt, why, when, and whether another attempt may mend it.</summary>
[GenerateSerializer, Immutable]
public sealed record TaskFailure(
    [property: Id(0)] string TaskId,
    [property: Id(1)] int Attempt,
    [property: Id(2)] string Reason,
    [property: Id(3)] bool Retryable,
    [property: Id(4)] DateTimeOffset At,
    [property: Id(5)] string? Worker = null);

/// <summary>A silo of the cluster as membership sees it.</summary>
[GenerateSerializer, Immutable]
public sealed record SiloEntry(
    [property: Id(0)] string Address,
    [property: Id(1)] string Name,
    [property: Id(2)] string HostName,
    [property: Id(3)] string Status,
    [property: Id(4)] DateTimeOffset? StartedAt);

/// <summary>A worker with how it is doing: answering (reported lately) and its rate.</summary>
[GenerateSerializer, Immutable]
public sealed record WorkerStatus(
    [property: Id(0)] WorkerReport Report,
    [property: Id(1)] bool Answering,
    [property: Id(2)] double DonePerMinute);

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
