namespace RenderFarm.Contracts.Reports;

/// <summary>
/// An album's report (album-report.json): the headline figures where a title's master report has them (the
/// album's loudness as mixed and mastered, its target, every song's findings) and the whole album job under
/// <see cref="Album"/>. Names are the snake case of the members'; in <see cref="Album"/> a null member is left out.
/// </summary>
public sealed record AlbumReportDocument
{
    public AlbumLevel Input { get; set; } = new();

    public AlbumMasteredLevel Output { get; set; } = new();

    public AlbumTarget Target { get; set; } = new();

    /// <summary>Each outlier as a warning (stage <c>album</c>), then every song's findings staged by its track.</summary>
    public IReadOnlyList<QcEntry> Qc { get; set; } = [];

    public AlbumOutcome Album { get; set; } = new();

    /// <summary>The figures a catalogue keeps of this report.</summary>
    public TitleLoudness Headline() => new()
    {
        InputLufs = Input.IntegratedLufs,
        OutputLufs = Output.IntegratedLufs,
        OutputTruePeakDbtp = Output.TruePeakDbtp,
        TargetLufs = Target.IntegratedLufs,
        TargetMet = Target.Met,
        QcFindings = Qc.Count,
        QcErrors = Qc.Count(f => f.Severity == QcEntry.Error),
    };
}
