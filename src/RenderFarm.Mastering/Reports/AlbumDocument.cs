using System.Text.Json;
using RenderFarm.Contracts.Reports;
using RenderFarm.Dsp.Metering;
using RenderFarm.Mastering.Albums;
using RenderFarm.Mastering.Qc;

namespace RenderFarm.Mastering.Reports;

/// <summary>
/// An album job's report as the <see cref="AlbumReportDocument"/> contract has it (album-report.json): the whole
/// job under <c>album</c>, unrounded, with the headline figures where a title's master report has them
/// (<c>input</c>, <c>output</c>, <c>target</c>, <c>qc</c>: each outlier a warning, then every song's findings, its
/// mix's and its files', staged by track), so the farm and the dashboard read an album as they read a title.
/// </summary>
public static class AlbumDocument
{
    /// <param name="report">The album job's report.</param>
    /// <param name="relative">Turns a file's path into the one to show (e.g. relative to the media root).</param>
    public static AlbumReportDocument Build(AlbumReport report, Func<string, string>? relative = null)
    {
        ArgumentNullException.ThrowIfNull(report);
        var show = relative ?? (p => p);
        var met = report.Note is null && report.Songs.All(s => s.TargetMet) && (report.TargetLufs is not { } t || report.Mode != AlbumLoudnessMode.Album || Math.Abs(report.AlbumLufs - t) <= 0.1);
        return new AlbumReportDocument
        {
            Input = new AlbumLevel { IntegratedLufs = Finite(report.InputAlbumLufs) },
            Output = new AlbumMasteredLevel { IntegratedLufs = Finite(report.AlbumLufs), TruePeakDbtp = Finite(report.AlbumTruePeakDbtp) },
            Target = new AlbumTarget
            {
                Name = report.TargetName,
                IntegratedLufs = report.TargetLufs,
                CeilingDbtp = report.CeilingDbtp,
                Mode = report.Mode.ToString().ToLowerInvariant(),
                Met = met,
                Note = report.Note,
            },
            Qc =
            [
                .. report.Songs.SelectMany(s => s.Outliers.Select(o => new QcEntry { Stage = "album", Kind = "album_outlier", Severity = "warning", Detail = $"track {s.Track} ({s.Title}): {o}" })),
                .. report.Songs.SelectMany(s => s.Qc.Select(f => MasterDocument.Finding(f.Finding, $"{(s.Track == 0 ? "hidden track" : $"track {s.Track}")} {f.Stage}"))),
            ],
            Album = Outcome(report, show),
        };
    }

    private static AlbumOutcome Outcome(AlbumReport r, Func<string, string> show) => new()
    {
        Mode = Name(r.Mode),
        TargetName = r.TargetName,
        TargetLufs = r.TargetLufs,
        CeilingDbtp = r.CeilingDbtp,
        AlbumOffsetDb = r.AlbumOffsetDb,
        InputAlbumLufs = r.InputAlbumLufs,
        AlbumLufs = r.AlbumLufs,
        AlbumModeAlbumLufs = r.AlbumModeAlbumLufs,
        TrackModeAlbumLufs = r.TrackModeAlbumLufs,
        AlbumTruePeakDbtp = r.AlbumTruePeakDbtp,
        SpreadLu = r.SpreadLu,
        Rounds = r.Rounds,
        Note = r.Note,
        Songs = [.. r.Songs.Select(s => Song(s, show))],
        Reference = r.Reference is { } m ? new AlbumReferenceOutcome
        {
            Path = show(m.Path),
            AmountPercent = m.AmountPercent,
            ReferenceLufs = m.ReferenceLufs,
            CurveHz = [.. m.CurveHz],
            CurveDb = [.. m.CurveDb],
            Filters = [.. m.Filters.Select(f => new AlbumReferenceFilter { Kind = Name(f.Kind), FrequencyHz = f.FrequencyHz, Q = f.Q, GainDb = f.GainDb })],
            DistanceBeforeDb = m.DistanceBeforeDb,
            DistanceAfterDb = m.DistanceAfterDb,
        } : null,
        Disc = r.Disc is { } d ? new AlbumDisc
        {
            Layout = new DiscLayout
            {
                Upc = d.Layout.Upc,
                Title = d.Layout.Title,
                Performer = d.Layout.Performer,
                Tracks = [.. d.Layout.Tracks.Select(t => new DiscTrack { Frames = t.Frames, PregapFrames = t.PregapFrames, Isrc = t.Isrc, Title = t.Title, Performer = t.Performer })],
                TotalFrames = d.Layout.TotalFrames,
            },
            ImageWav = show(d.ImageWav),
            CueSheet = show(d.CueSheet),
            DdpFolder = d.DdpFolder is { } folder ? show(folder) : null,
            ImageSha256 = d.ImageSha256,
            DurationSeconds = d.DurationSeconds,
            IntegratedLufs = d.IntegratedLufs,
            TruePeakDbtp = d.TruePeakDbtp,
            ClippedSamples = d.ClippedSamples,
            LimiterMaxGainReductionDb = d.LimiterMaxGainReductionDb,
            LimitedSeconds = d.LimitedSeconds,
        } : null,
        Tracks = [.. r.Tracks.Select(t => new AlbumTrackFile
        {
            Label = t.Label,
            Format = t.Format,
            Path = show(t.Path),
            SampleRate = t.SampleRate,
            BitDepth = t.BitDepth,
            BitrateKbps = t.BitrateKbps,
            Bytes = t.Bytes,
            Sha256 = t.Sha256,
            Loudness = Measurement(t.Loudness),
            Qc = [.. t.Qc.Select(Finding)],
        })],
        TimingsSeconds = new Dictionary<string, double>(r.TimingsSeconds),
    };

    private static AlbumSongOutcome Song(AlbumSongReport s, Func<string, string> show) => new()
    {
        Track = s.Track,
        Title = s.Title,
        InputPath = show(s.InputPath),
        InputLufs = s.InputLufs,
        TrackModeLufs = s.TrackModeLufs,
        AlbumModeLufs = s.AlbumModeLufs,
        AimedLufs = s.AimedLufs,
        OutputLufs = s.OutputLufs,
        TruePeakDbtp = s.TruePeakDbtp,
        LoudnessRangeLu = s.LoudnessRangeLu,
        PlrDb = s.PlrDb,
        VersusAlbumLu = s.VersusAlbumLu,
        ToneDb = s.ToneDb is { } tone ? [.. tone] : null,
        ToneVersusAlbumDb = s.ToneVersusAlbumDb is { } versus ? [.. versus] : null,
        Outliers = [.. s.Outliers],
        Note = s.Note,
        Gain = s.Gain is { } g ? new AlbumPlaybackGain { TrackGainDb = g.TrackGainDb, TrackPeak = g.TrackPeak, AlbumGainDb = g.AlbumGainDb, AlbumPeak = g.AlbumPeak } : null,
        TargetMet = s.TargetMet,
        Qc = [.. s.Qc.Select(f => new AlbumStagedFinding { Stage = f.Stage, Finding = Finding(f.Finding) })],
    };

    private static AlbumFinding Finding(QcFinding f) => new()
    {
        Kind = f.Kind,
        StartSeconds = f.StartSeconds,
        EndSeconds = f.EndSeconds,
        Severity = Name(f.Severity),
        Detail = f.Detail,
        Channel = f.Channel,
        Value = f.Value,
    };

    private static LoudnessMeasurement Measurement(LoudnessReport l) => new()
    {
        SampleRate = l.SampleRate,
        Channels = l.Channels,
        Frames = l.Frames,
        DurationSeconds = l.DurationSeconds,
        IntegratedLufs = l.IntegratedLufs,
        RelativeGateLufs = l.RelativeGateLufs,
        LoudnessRangeLu = l.LoudnessRangeLu,
        LoudnessRangeLowLufs = l.LoudnessRangeLowLufs,
        LoudnessRangeHighLufs = l.LoudnessRangeHighLufs,
        MaxMomentaryLufs = l.MaxMomentaryLufs,
        MaxShortTermLufs = l.MaxShortTermLufs,
        TruePeakDbtp = l.TruePeakDbtp,
        SamplePeakDbfs = l.SamplePeakDbfs,
        TruePeakPerChannelDbtp = [.. l.TruePeakPerChannelDbtp],
        MonoFoldDownLufs = l.MonoFoldDownLufs,
        SamplePeakPerChannelDbfs = [.. l.SamplePeakPerChannelDbfs],
        TruePeakOversampling = l.TruePeakOversampling,
        PlrDb = l.PlrDb,
    };

    // An enum's value as the report names it: the snake case of its name (album, peaking, high_shelf, warning).
    private static string Name<T>(T value) where T : struct, Enum => JsonNamingPolicy.SnakeCaseLower.ConvertName(value.ToString());

    private static double? Finite(double value) => double.IsFinite(value) ? Math.Round(value, 3) : null;
}
