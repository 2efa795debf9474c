using System.Text.Json;
using System.Text.Json.Nodes;
using RenderFarm.Audio.Analysis;
using RenderFarm.Dsp.Stereo;
using RenderFarm.Mastering.Chain;
using RenderFarm.Mastering.Qc;

namespace RenderFarm.Mastering;

/// <summary>The JSON report of <c>renderfarm master</c>: input and output loudness in the shape of <c>analyze --json</c>, target, gain, QC, deliverables, preview.</summary>
public static class MasteringJson
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static JsonObject Build(MasteringReport r, bool series)
    {
        var input = LoudnessJson.AddLoudness(new JsonObject { ["file"] = r.InputPath }, r.Input);
        var output = LoudnessJson.AddLoudness(new JsonObject(), r.Output);
        AddStereo(input, r.InputStereo);
        AddStereo(output, r.OutputStereo);
        if (series)
        {
            input["series"] = LoudnessJson.Series(r.InputSeries);
            output["series"] = LoudnessJson.Series(r.OutputSeries);
        }

        return new JsonObject
        {
            ["input"] = input,
            ["output"] = output,
            ["target"] = new JsonObject
            {
                ["name"] = r.Target.Name,
                ["description"] = r.Target.Description,
                ["integrated_lufs"] = r.Target.IntegratedLufs,
                ["tolerance_lu"] = r.Target.ToleranceLu,
                ["ceiling_dbtp"] = r.CeilingDbtp,
                ["aimed_lufs"] = r.AimedLufs is { } a ? LoudnessJson.Round(a, 2) : null,
                ["met"] = r.TargetMet,
                ["note"] = r.TargetNote,
            },
            ["gain_db"] = r.GainDb,
            ["limiter"] = new JsonObject
            {
                ["max_gain_reduction_db"] = r.LimiterMaxGainReductionDb,
                ["limited_s"] = r.LimitedSeconds,
                ["passes"] = r.LimiterPasses,
                ["model_error_lu"] = r.LimiterModelErrorLu,
            },
            ["chain"] = ChainDescription.Build(r),
            ["multiband_max_gain_reduction_db"] = new JsonArray(r.MultibandMaxGainReductionDb.Select(v => (JsonNode?)v).ToArray()),
            ["qc"] = new JsonArray(r.Qc.Select(f => (JsonNode?)Finding(f.Finding, f.Stage)).ToArray()),
            ["deliverables"] = new JsonArray(r.Deliverables.Select(d => (JsonNode?)Deliverable(d)).ToArray()),
            ["preview"] = new JsonArray(r.Preview.Select(p => (JsonNode?)new JsonObject
            {
                ["platform"] = p.Platform,
                ["reference_lufs"] = p.ReferenceLufs,
                ["playback_gain_db"] = p.PlaybackGainDb,
                ["playback_lufs"] = p.PlaybackLufs,
                ["playback_true_peak_dbtp"] = p.PlaybackTruePeakDbtp,
                ["note"] = p.Note,
            }).ToArray()),
            ["metadata"] = new JsonObject
            {
                ["title"] = r.Metadata.Title,
                ["artist"] = r.Metadata.Artist,
                ["album"] = r.Metadata.Album,
                ["track_number"] = r.Metadata.TrackNumber,
                ["track_total"] = r.Metadata.TrackTotal,
                ["year"] = r.Metadata.Year,
                ["isrc"] = r.Metadata.Isrc,
                ["upc"] = r.Metadata.Upc,
            },
            ["timings_s"] = new JsonObject(r.TimingsSeconds.Select(t => KeyValuePair.Create(t.Key, (JsonNode?)t.Value))),
            ["reference"] = r.Reference is { } m ? new JsonObject
            {
                ["path"] = m.Path,
                ["amount_percent"] = m.AmountPercent,
                ["reference_lufs"] = LoudnessJson.Level(m.ReferenceLufs),
                ["distance_before_db"] = LoudnessJson.Level(m.DistanceBeforeDb),
                ["distance_after_db"] = LoudnessJson.Level(m.DistanceAfterDb),
                ["curve_hz"] = new JsonArray(m.CurveHz.Select(v => (JsonNode?)v).ToArray()),
                ["curve_db"] = new JsonArray(m.CurveDb.Select(v => (JsonNode?)v).ToArray()),
                ["filters"] = new JsonArray(m.Filters.Select(f => (JsonNode?)new JsonObject { ["frequency_hz"] = Math.Round(f.FrequencyHz, 1), ["q"] = f.Q, ["gain_db"] = Math.Round(f.GainDb, 2) }).ToArray()),
            } : null,
        };
    }

    public static string Serialize(MasteringReport r, bool series) => Write(Build(r, series));

    /// <summary>A report (or a part of one) as the indented text written to report.json.</summary>
    public static string Write(JsonObject report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return report.ToJsonString(Indented);
    }

    /// <summary>One deliverable as the report lists it: file, checksum, format, loudness and its own QC.</summary>
    public static JsonObject Deliverable(DeliverableReport d)
    {
        ArgumentNullException.ThrowIfNull(d);
        return new JsonObject
        {
            ["label"] = d.Label,
            ["format"] = d.Format,
            ["path"] = d.Path,
            ["sha256"] = d.Sha256,
            ["bytes"] = d.Bytes,
            ["sample_rate"] = d.SampleRate,
            ["bit_depth"] = d.BitDepth,
            ["bitrate_kbps"] = d.BitrateKbps,
            ["integrated_lufs"] = LoudnessJson.Level(d.Loudness.IntegratedLufs),
            ["true_peak_dbtp"] = LoudnessJson.Level(d.Loudness.TruePeakDbtp),
            ["qc"] = new JsonArray(d.Qc.Select(f => (JsonNode?)Finding(f, null)).ToArray()),
        };
    }

    private static void AddStereo(JsonObject o, StereoReport? stereo)
    {
        if (stereo is null)
        {
            return;
        }

        o["correlation"] = LoudnessJson.Round(stereo.Correlation, 3);
        o["min_window_correlation"] = LoudnessJson.Round(stereo.MinimumWindowCorrelation, 3);
        o["mono_loss_db"] = double.IsFinite(stereo.MonoLossDb) ? LoudnessJson.Round(stereo.MonoLossDb, 2) : null;
    }

    internal static JsonObject Finding(QcFinding f, string? stage)
    {
        var o = new JsonObject();
        if (stage is not null)
        {
            o["stage"] = stage;
        }

        o["kind"] = f.Kind;
        o["start_s"] = f.StartSeconds;
        o["end_s"] = f.EndSeconds;
        o["severity"] = f.Severity.ToString().ToLowerInvariant();
        o["channel"] = f.Channel is { } c ? c + 1 : null;
        o["value"] = f.Value;
        o["detail"] = f.Detail;
        return o;
    }
}
