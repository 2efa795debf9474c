using RenderFarm.Contracts.Reports;

namespace RenderFarm.Dashboard.Data;

/// <summary>
/// What the title page shows of an album's report (<c>album</c> in album-report.json): the loudness plan in
/// both modes, each song against the album with what stands out, the disc and its track list.
/// </summary>
public sealed record AlbumSummary(
    string Mode,
    double? TargetLufs,
    double? CeilingDbtp,
    double? InputAlbumLufs,
    double? AlbumLufs,
    double? OffsetDb,
    double? AlbumModeAlbumLufs,
    double? TrackModeAlbumLufs,
    double? TruePeakDbtp,
    double? SpreadLu,
    int Rounds,
    IReadOnlyList<AlbumSongItem> Songs,
    AlbumDiscItem? Disc)
{
    /// <summary>The tonal bands of <see cref="AlbumSongItem.ToneVersusAlbumDb"/>, in order.</summary>
    public static readonly IReadOnlyList<string> ToneBands = ["low end", "mids", "top end"];

    /// <summary>The recording the album was mastered towards, if any.</summary>
    public AlbumReferenceItem? Reference { get; init; }

    /// <summary>How many songs stand out from the album somehow.</summary>
    public int OutlierSongs => Songs.Count(s => s.Outliers.Count > 0);

    internal static AlbumSummary From(AlbumOutcome a) => new(
        a.Mode,
        a.TargetLufs,
        a.CeilingDbtp,
        a.InputAlbumLufs,
        a.AlbumLufs,
        a.AlbumOffsetDb,
        a.AlbumModeAlbumLufs,
        a.TrackModeAlbumLufs,
        a.AlbumTruePeakDbtp,
        a.SpreadLu,
        a.Rounds,
        [.. a.Songs.Select(s => new AlbumSongItem(
            s.Track,
            s.Title ?? Path.GetFileNameWithoutExtension(s.InputPath),
            s.InputLufs,
            s.OutputLufs,
            s.VersusAlbumLu,
            s.TrackModeLufs,
            s.AlbumModeLufs,
            s.TruePeakDbtp,
            s.PlrDb,
            s.LoudnessRangeLu,
            s.ToneVersusAlbumDb,
            s.Outliers,
            s.Gain?.TrackGainDb,
            s.Gain?.AlbumGainDb,
            s.Note))],
        a.Disc is not { } disc ? null : new AlbumDiscItem(
            disc.Layout.Upc,
            disc.DurationSeconds,
            disc.IntegratedLufs,
            disc.TruePeakDbtp,
            disc.ClippedSamples,
            disc.LimiterMaxGainReductionDb,
            disc.LimitedSeconds,
            disc.ImageWav,
            disc.CueSheet,
            disc.DdpFolder,
            [.. disc.Layout.Tracks.Select((t, i) => new DiscTrackItem(i + 1, t.Title, t.Performer, t.Isrc, t.PregapFrames, t.Frames))]))
    {
        Reference = a.Reference is { } match
            ? new AlbumReferenceItem(match.Path, match.AmountPercent, match.ReferenceLufs, match.DistanceBeforeDb, match.DistanceAfterDb, match.Filters.Count)
            : null,
    };

    /// <summary>The tracks of the album's streaming release, as its report lists them (loudness inside each).</summary>
    internal static IReadOnlyList<DeliverableItem> Tracks(AlbumOutcome album) =>
        [.. album.Tracks.Select(d => new DeliverableItem(d.Label, d.Format, d.Path, d.Sha256, d.Bytes, d.SampleRate, d.BitDepth, d.BitrateKbps,
            Level(d.Loudness.IntegratedLufs), Level(d.Loudness.TruePeakDbtp)))];

    // (an album's files carry the meter's figures unrounded: silence is -Infinity there)
    private static double? Level(double value) => double.IsFinite(value) ? value : null;
}
