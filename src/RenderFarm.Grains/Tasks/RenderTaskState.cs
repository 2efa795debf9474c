namespace RenderFarm.Grains.Tasks;

/// <summary>The persisted state of a <see cref="RenderTaskGrain"/>.</summary>
[GenerateSerializer]
public sealed class RenderTaskState
{
    [Id(0)] public RenderTaskSpec? Spec { get; set; }

    [Id(1)] public TaskPolicy Policy { get; set; } = new();

    [Id(2)] public JobStatus Status { get; set; } = JobStatus.Queued;

    /// <summary>The current attempt's number (1, 2, ...); reports from any other are ignored.</summary>
    [Id(3)] public int Attempt { get; set; }

    /// <summary>Attempts counted against the policy's limit since the task (re)started.</summary>
    [Id(4)] public int AttemptsUsed { get; set; }

    [Id(5)] public string? Worker { get; set; }

    [Id(6)] public double Progress { get; set; }

    [Id(7)] public DateTimeOffset? LastHeartbeat { get; set; }

    [Id(8)] public List<TaskOutput> Outputs { get; set; } = [];

    [Id(9)] public string? ReportJson { get; set; }

    [Id(10)] public string? Error { get; set; }

    [Id(11)] public List<AttemptRecord> Attempts { get; set; } = [];

    [Id(12)] public int IgnoredReports { get; set; }

    /// <summary>The current attempt's command could not be put on the bus (the broker was away): it is sent again until it is.</summary>
    [Id(13)] public bool Unsent { get; set; }
}
