using RenderFarm.Contracts.Reports;

namespace RenderFarm.Grains.Tasks;

/// <summary>The persisted state of a <see cref="RenderTaskGrain"/>.</summary>
[GenerateSerializer]
public sealed class RenderTaskState
{
    [Id(20)] public RenderTaskSpec? Spec { get; set; }

    /// <summary>The spec as state written before specs were typed by kind held it; upgraded on activation (<see cref="Upgrade"/>).</summary>
    [Id(0)] public LegacyTaskSpec? LegacySpec { get; set; }

    [Id(1)] public TaskPolicy Policy { get; set; } = new();

    [Id(2)] public JobStatus Status { get; set; } = JobStatus.Queued;

    /// <summary>The current attempt's number (1, 2, ...; never reused, also after a retry); reports from any other are ignored.</summary>
    [Id(3)] public int Attempt { get; set; }

    /// <summary>Attempts counted against the policy's limit since the task (re)started.</summary>
    [Id(4)] public int AttemptsUsed { get; set; }

    [Id(5)] public string? Worker { get; set; }

    [Id(6)] public double Progress { get; set; }

    /// <summary>When the claim was granted (a lease's renewals are not written: an activation counts from its own start).</summary>
    [Id(7)] public DateTimeOffset? LastHeartbeat { get; set; }

    [Id(8)] public List<TaskOutput> Outputs { get; set; } = [];

    [Id(21)] public TaskReport? Report { get; set; }

    [Id(10)] public string? Error { get; set; }

    [Id(11)] public List<AttemptRecord> Attempts { get; set; } = [];

    [Id(12)] public int IgnoredReports { get; set; }

    /// <summary>The outbox: the current attempt's command is to be put on the bus (written with the attempt, cleared once the bus took it).</summary>
    [Id(13)] public bool ToSend { get; set; }

    /// <summary>When the bus last took the current attempt's command.</summary>
    [Id(14)] public DateTimeOffset? SentAt { get; set; }

    /// <summary>How many times the bus took the current attempt's command (each wait for a claim is twice the last).</summary>
    [Id(15)] public int Sends { get; set; }

    /// <summary>The fencing token of the current attempt's claim; 0 while unclaimed.</summary>
    [Id(16)] public long Token { get; set; }

    /// <summary>Who holds the claim: the id the worker's run gave (the same run asking again gets the same token).</summary>
    [Id(17)] public string? Claimant { get; set; }

    /// <summary>The last token granted; each claim takes the next.</summary>
    [Id(18)] public long Tokens { get; set; }

    /// <summary>Paused: no attempt is out until the task is resumed.</summary>
    [Id(19)] public bool Held { get; set; }

    /// <summary>Brings state written by an earlier version to today's shape (in memory; the next write keeps it).</summary>
    public void Upgrade()
    {
        if (LegacySpec is { } legacy)
        {
            Spec ??= legacy.Upgrade();
            LegacySpec = null;
        }
    }
}
