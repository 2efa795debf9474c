using RenderFarm.Contracts.Reports;

namespace RenderFarm.Grains.Titles;

/// <summary>The persisted state of a <see cref="TitleGrain"/>.</summary>
[GenerateSerializer]
public sealed class TitleState
{
    [Id(0)] public TitleSpec? Spec { get; set; }

    [Id(1)] public string CatalogId { get; set; } = string.Empty;

    [Id(2)] public int Priority { get; set; } = 50;

    [Id(3)] public TaskPolicy Policy { get; set; } = new();

    [Id(4)] public JobStatus Status { get; set; } = JobStatus.Queued;

    [Id(19)] public TitleStage Stage { get; set; } = TitleStage.Tracks;

    /// <summary>The stage as state written before stages were an enum held it (its lower-case name); upgraded on activation.</summary>
    [Id(5)] public string? LegacyStage { get; set; }

    /// <summary>The current stage has not dispatched its tasks yet (the title was paused).</summary>
    [Id(6)] public bool StagePending { get; set; }

    [Id(7)] public List<string> Tasks { get; set; } = [];

    /// <summary>The current stage's tasks that have not succeeded yet.</summary>
    [Id(8)] public List<string> Pending { get; set; } = [];

    [Id(9)] public List<TaskOutput> Outputs { get; set; } = [];

    /// <summary>The title's report file (report.json, album-report.json), relative to the media root.</summary>
    [Id(20)] public string? ReportFile { get; set; }

    /// <summary>What the title page draws of its master (overview.json), relative to the media root.</summary>
    [Id(21)] public string? OverviewFile { get; set; }

    /// <summary>What the restore before the master did (restore.json), relative to the media root.</summary>
    [Id(22)] public string? RestoreReportFile { get; set; }

    [Id(11)] public string? Error { get; set; }

    [Id(12)] public bool Paused { get; set; }

    [Id(13)] public DateTimeOffset? StartedAt { get; set; }

    [Id(14)] public DateTimeOffset? EndedAt { get; set; }

    /// <summary>1, then 2, 3... each time the title is rendered again.</summary>
    [Id(15)] public int Generation { get; set; } = 1;

    /// <summary>Counts the title's changes, so its catalogue can put reports that arrive out of order back in order.</summary>
    [Id(16)] public long Version { get; set; }

    /// <summary>The headline figures of the title's report, every deliverable's findings counted.</summary>
    [Id(17)] public TitleLoudness? Loudness { get; set; }

    /// <summary>The outbox of float masters to remove (their deliverables are made, or their generation is over): drained by a timer.</summary>
    [Id(18)] public List<string> Releases { get; set; } = [];

    /// <summary>Brings state written by an earlier version to today's shape (in memory; the next write keeps it).</summary>
    public void Upgrade()
    {
        // (the report itself was kept in the state then; it is in its file too)
        if (ReportFile is null && Status == JobStatus.Succeeded)
        {
            ReportFile = Outputs.Select(o => o.Path).FirstOrDefault(p => p.EndsWith("/report.json", StringComparison.Ordinal) || p.EndsWith("/album-report.json", StringComparison.Ordinal));
            OverviewFile = Outputs.Select(o => o.Path).FirstOrDefault(p => p.EndsWith("/overview.json", StringComparison.Ordinal));
        }

        if (LegacyStage is { } name)
        {
            Stage = Enum.TryParse<TitleStage>(name, ignoreCase: true, out var stage) ? stage : TitleStage.Tracks;
            LegacyStage = null;
        }
    }
}
