using RenderFarm.Contracts.Reports;
using RenderFarm.Grains;

namespace RenderFarm.Dashboard.Data;

/// <summary>What the title page shows of a title's mastering report (the JSON the master and deliverable tasks made).</summary>
public sealed record TitleReport(
    LoudnessFigures? Input,
    LoudnessFigures? Output,
    string? Target,
    double? TargetLufs,
    double? CeilingDbtp,
    bool? TargetMet,
    string? TargetNote,
    double? GainDb,
    IReadOnlyList<QcItem> Qc,
    IReadOnlyList<DeliverableItem> Deliverables)
{
    /// <summary>What each streaming service's normalisation does to the master on playback.</summary>
    public IReadOnlyList<PreviewItem> Preview { get; init; } = [];

    /// <summary>The chain that ran, in signal order.</summary>
    public IReadOnlyList<ChainStep> Chain { get; init; } = [];

    /// <summary>An album title's plan, songs against the album, and disc; null for any other title.</summary>
    public AlbumSummary? Album { get; init; }

    /// <summary>What the page shows of a title's report; null when it has none (or it could not be read: see the view's error).</summary>
    public static TitleReport? From(TitleReportView? view) => view switch
    {
        { Master: { } master } => From(master),
        { Album: { } album } => From(album),
        _ => null,
    };

    private static TitleReport From(MasterReport r) => new(
        LoudnessFigures.From(r.Input),
        LoudnessFigures.From(r.Output),
        r.Target.Name,
        r.Target.IntegratedLufs,
        r.Target.CeilingDbtp,
        r.Target.Met,
        r.Target.Note,
        r.GainDb,
        [.. r.Qc.Select(QcItem.From)],
        [.. r.Deliverables.Select(d => new DeliverableItem(d.Label, d.Format, d.Path, d.Sha256, d.Bytes, d.SampleRate, d.BitDepth, d.BitrateKbps, d.IntegratedLufs, d.TruePeakDbtp))])
    {
        Preview = [.. r.Preview.Select(p => new PreviewItem(p.Platform, p.ReferenceLufs, p.PlaybackGainDb, p.PlaybackLufs, p.PlaybackTruePeakDbtp, p.Note))],
        Chain = [.. r.Chain.Select(c => new ChainStep(c.Stage, c.Settings, c.Result))],
    };

    // An album's files are its tracks (the disc's are under Album).
    private static TitleReport From(AlbumReportDocument r) => new(
        new LoudnessFigures(r.Input.IntegratedLufs, null, null, null, null, null, null),
        new LoudnessFigures(r.Output.IntegratedLufs, null, null, null, r.Output.TruePeakDbtp, null, null),
        r.Target.Name,
        r.Target.IntegratedLufs,
        r.Target.CeilingDbtp,
        r.Target.Met,
        r.Target.Note,
        null,
        [.. r.Qc.Select(QcItem.From)],
        AlbumSummary.Tracks(r.Album))
    {
        Album = AlbumSummary.From(r.Album),
    };
}
