namespace RenderFarm.Grains;

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
