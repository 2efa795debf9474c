using Orleans;

namespace RenderFarm.Contracts.Reports;

/// <summary>
/// What a finished render tells its task of its report: where the report file is and its headline figures (a
/// master, an album), or the entry of the one deliverable it made. The report itself stays in its file.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record TaskReport
{
    /// <summary>The report's file (report.json, album-report.json), relative to the media root.</summary>
    [Id(0)] public string? File { get; set; }

    [Id(1)] public TitleLoudness? Headline { get; set; }

    /// <summary>What the title page draws of a master (overview.json), relative to the media root.</summary>
    [Id(3)] public string? Overview { get; set; }

    /// <summary>A deliverable task's file, as the title's report lists it.</summary>
    [Id(2)] public DeliverableEntry? Deliverable { get; set; }

    /// <summary>A render with nothing to report (a track, a mixdown).</summary>
    public static TaskReport None { get; } = new();
}
