using RenderFarm.Contracts.Reports;

namespace RenderFarm.Grains;

/// <summary>A title as it stands: its stage, status, progress, the tasks it ran, its deliverables or why it failed.</summary>
[GenerateSerializer, Immutable]
public sealed record TitleSnapshot
{
    [Id(0)] public required string TitleId { get; init; }

    [Id(1)] public required string CatalogId { get; init; }

    [Id(2)] public required TitleSpec Spec { get; init; }

    [Id(3)] public required JobStatus Status { get; init; }

    [Id(16)] public required TitleStage Stage { get; init; }

    [Id(5)] public double Progress { get; init; }

    /// <summary>The ids of the tasks of every stage so far.</summary>
    [Id(6)] public IReadOnlyList<string> Tasks { get; init; } = [];

    [Id(7)] public IReadOnlyList<TaskOutput> Outputs { get; init; } = [];

    /// <summary>The title's report (report.json, album-report.json), relative to the media root, once it has one.</summary>
    [Id(17)] public string? ReportFile { get; init; }

    /// <summary>What the title page draws of its master (overview.json), relative to the media root.</summary>
    [Id(18)] public string? OverviewFile { get; init; }

    [Id(9)] public string? Error { get; init; }

    [Id(10)] public bool Paused { get; init; }

    [Id(11)] public DateTimeOffset? StartedAt { get; init; }

    [Id(12)] public DateTimeOffset? EndedAt { get; init; }

    /// <summary>Goes up with every change of status or stage: of two snapshots, the higher is the newer.</summary>
    [Id(13)] public long Version { get; init; }

    /// <summary>1, then 2, 3... each time the title is rendered again.</summary>
    [Id(14)] public int Generation { get; init; } = 1;

    /// <summary>The report's headline figures once the title has one (null before, or for a report without them).</summary>
    [Id(15)] public TitleLoudness? Loudness { get; init; }

    /// <summary>What the restore before the master did (restore.json), relative to the media root; null: no restore ran.</summary>
    [Id(19)] public string? RestoreReportFile { get; init; }
}
