using RenderFarm.Audio.Analysis;
using RenderFarm.Contracts.Reports;
using RenderFarm.Dsp.Metering;
using RenderFarm.Dsp.Stereo;
using RenderFarm.Mastering.Chain;
using RenderFarm.Mastering.Qc;

namespace RenderFarm.Mastering.Reports;

/// <summary>
/// A mastering job's report as the <see cref="MasterReport"/> contract has it (report.json, <c>master --json</c>):
/// levels rounded to 0.01 and null where they do not exist, findings with their channel counted from 1.
/// </summary>
public static class MasterDocument
{
    public static MasterReport Build(MasteringReport r, bool series)
    {
        ArgumentNullException.ThrowIfNull(r);
        return new MasterReport
        {
            Input = Figures(r.Input, r.InputStereo, r.InputPath, series ? r.InputSeries : null),
            Output = Figures(r.Output, r.OutputStereo, null, series ? r.OutputSeries : null),
            Target = new TargetOutcome
            {
                Name = r.Target.Name,
                Description = r.Target.Description,
                IntegratedLufs = r.Target.IntegratedLufs,
                ToleranceLu = r.Target.ToleranceLu,
                CeilingDbtp = r.CeilingDbtp,
                AimedLufs = r.AimedLufs is { } a ? LoudnessJson.Round(a, 2) : null,
                Met = r.TargetMet,
                Note = r.TargetNote,
            },
            GainDb = r.GainDb,
            Limiter = new LimiterOutcome
            {
                MaxGainReductionDb = r.LimiterMaxGainReductionDb,
                LimitedS = r.LimitedSeconds,
                Passes = r.LimiterPasses,
                ModelErrorLu = r.LimiterModelErrorLu,
            },
            Chain = ChainDescription.Build(r),
            MultibandMaxGainReductionDb = [.. r.MultibandMaxGainReductionDb],
            Qc = [.. r.Qc.Select(f => Finding(f.Finding, f.Stage))],
            Deliverables = [.. r.Deliverables.Select(Deliverable)],
            Preview = [.. r.Preview.Select(p => new PlatformPlayback
            {
                Platform = p.Platform,
                ReferenceLufs = p.ReferenceLufs,
                PlaybackGainDb = p.PlaybackGainDb,
                PlaybackLufs = double.IsFinite(p.PlaybackLufs) ? p.PlaybackLufs : null,
                PlaybackTruePeakDbtp = double.IsFinite(p.PlaybackTruePeakDbtp) ? p.PlaybackTruePeakDbtp : null,
                Note = p.Note,
            })],
            Metadata = new ReportMetadata
            {
                Title = r.Metadata.Title,
                Artist = r.Metadata.Artist,
                Album = r.Metadata.Album,
                TrackNumber = r.Metadata.TrackNumber,
                TrackTotal = r.Metadata.TrackTotal,
                Year = r.Metadata.Year,
                Isrc = r.Metadata.Isrc,
                Upc = r.Metadata.Upc,
            },
            TimingsS = new Dictionary<string, double>(r.TimingsSeconds),
            Reference = r.Reference is { } m ? new ReferenceOutcome
            {
                Path = m.Path,
                AmountPercent = m.AmountPercent,
                ReferenceLufs = LoudnessJson.Level(m.ReferenceLufs),
                DistanceBeforeDb = LoudnessJson.Level(m.DistanceBeforeDb),
                DistanceAfterDb = LoudnessJson.Level(m.DistanceAfterDb),
                CurveHz = [.. m.CurveHz],
                CurveDb = [.. m.CurveDb],
                Filters = [.. m.Filters.Select(f => new ReferenceFilter { FrequencyHz = Math.Round(f.FrequencyHz, 1), Q = f.Q, GainDb = Math.Round(f.GainDb, 2) })],
            } : null,
        };
    }

    /// <summary>One deliverable as the report lists it: file, checksum, format, loudness and its own QC.</summary>
    public static DeliverableEntry Deliverable(DeliverableReport d)
    {
        ArgumentNullException.ThrowIfNull(d);
        return new DeliverableEntry
        {
            Label = d.Label,
            Format = d.Format,
            Path = d.Path,
            Sha256 = d.Sha256,
            Bytes = d.Bytes,
            SampleRate = d.SampleRate,
            BitDepth = d.BitDepth,
            BitrateKbps = d.BitrateKbps,
            IntegratedLufs = LoudnessJson.Level(d.Loudness.IntegratedLufs),
            TruePeakDbtp = LoudnessJson.Level(d.Loudness.TruePeakDbtp),
            Qc = [.. d.Qc.Select(f => Finding(f, null))],
        };
    }

    /// <summary>A finding as reports list it; <paramref name="stage"/> null inside a deliverable's own list.</summary>
    public static QcEntry Finding(QcFinding f, string? stage)
    {
        ArgumentNullException.ThrowIfNull(f);
        return new QcEntry
        {
            Stage = stage,
            Kind = f.Kind,
            StartS = f.StartSeconds,
            EndS = f.EndSeconds,
            Severity = f.Severity.ToString().ToLowerInvariant(),
            Channel = f.Channel is { } c ? c + 1 : null,
            Value = f.Value,
            Detail = f.Detail,
        };
    }

    /// <summary>A programme's loudness fields, with its stereo figures (a stereo programme) and series (when asked for).</summary>
    public static ProgrammeFigures Figures(LoudnessReport l, StereoReport? stereo, string? file, IReadOnlyList<LoudnessPoint>? series)
    {
        ArgumentNullException.ThrowIfNull(l);
        return new ProgrammeFigures
        {
            File = file,
            SampleRate = l.SampleRate,
            Channels = l.Channels,
            Frames = l.Frames,
            DurationS = LoudnessJson.Round(l.DurationSeconds, 6),
            IntegratedLufs = LoudnessJson.Level(l.IntegratedLufs),
            LoudnessRangeLu = LoudnessJson.Round(l.LoudnessRangeLu, 2),
            LraLowLufs = LoudnessJson.Level(l.LoudnessRangeLowLufs),
            LraHighLufs = LoudnessJson.Level(l.LoudnessRangeHighLufs),
            TruePeakDbtp = LoudnessJson.Level(l.TruePeakDbtp),
            SamplePeakDbfs = LoudnessJson.Level(l.SamplePeakDbfs),
            MaxMomentaryLufs = LoudnessJson.Level(l.MaxMomentaryLufs),
            MaxShortTermLufs = LoudnessJson.Level(l.MaxShortTermLufs),
            PlrDb = LoudnessJson.Level(l.PlrDb),
            RelativeGateLufs = LoudnessJson.Level(l.RelativeGateLufs),
            TruePeakOversampling = l.TruePeakOversampling,
            TruePeakPerChannelDbtp = [.. l.TruePeakPerChannelDbtp.Select(LoudnessJson.Level)],
            SamplePeakPerChannelDbfs = [.. l.SamplePeakPerChannelDbfs.Select(LoudnessJson.Level)],
            Correlation = stereo is null ? null : LoudnessJson.Round(stereo.Correlation, 3),
            MinWindowCorrelation = stereo is null ? null : LoudnessJson.Round(stereo.MinimumWindowCorrelation, 3),
            MonoLossDb = stereo is null ? null : new OptionalNumber(double.IsFinite(stereo.MonoLossDb) ? LoudnessJson.Round(stereo.MonoLossDb, 2) : null),
            Series = series is null ? null : new LoudnessSeries
            {
                IntervalS = 0.1,
                MomentaryLufs = [.. series.Select(p => LoudnessJson.Level(p.MomentaryLufs))],
                ShortTermLufs = [.. series.Select(p => LoudnessJson.Level(p.ShortTermLufs))],
            },
        };
    }
}
