using System.Text.Json.Nodes;
using RenderFarm.Dsp.Metering;

namespace RenderFarm.Audio.Analysis;

/// <summary>The loudness fields every JSON report shares (analyze, mix, master). Levels that do not exist (silence) are null rather than -Infinity.</summary>
public static class LoudnessJson
{
    /// <summary>The loudness fields every report shares, added to <paramref name="o"/>.</summary>
    public static JsonObject AddLoudness(JsonObject o, LoudnessReport l)
    {
        o["sample_rate"] = l.SampleRate;
        o["channels"] = l.Channels;
        o["frames"] = l.Frames;
        o["duration_s"] = Round(l.DurationSeconds, 6);
        o["integrated_lufs"] = Level(l.IntegratedLufs);
        o["loudness_range_lu"] = Round(l.LoudnessRangeLu, 2);
        o["lra_low_lufs"] = Level(l.LoudnessRangeLowLufs);
        o["lra_high_lufs"] = Level(l.LoudnessRangeHighLufs);
        o["true_peak_dbtp"] = Level(l.TruePeakDbtp);
        o["sample_peak_dbfs"] = Level(l.SamplePeakDbfs);
        o["max_momentary_lufs"] = Level(l.MaxMomentaryLufs);
        o["max_short_term_lufs"] = Level(l.MaxShortTermLufs);
        o["plr_db"] = Level(l.PlrDb);
        o["relative_gate_lufs"] = Level(l.RelativeGateLufs);
        o["true_peak_oversampling"] = l.TruePeakOversampling;
        o["true_peak_per_channel_dbtp"] = new JsonArray(l.TruePeakPerChannelDbtp.Select(v => (JsonNode?)Level(v)).ToArray());
        o["sample_peak_per_channel_dbfs"] = new JsonArray(l.SamplePeakPerChannelDbfs.Select(v => (JsonNode?)Level(v)).ToArray());
        return o;
    }

    /// <summary>Momentary and short-term loudness every 100 ms.</summary>
    public static JsonObject Series(IReadOnlyList<LoudnessPoint> series) => new()
    {
        ["interval_s"] = 0.1,
        ["momentary_lufs"] = new JsonArray(series.Select(p => (JsonNode?)Level(p.MomentaryLufs)).ToArray()),
        ["short_term_lufs"] = new JsonArray(series.Select(p => (JsonNode?)Level(p.ShortTermLufs)).ToArray()),
    };

    /// <summary>A level rounded to 0.01, or null where it does not exist (silence).</summary>
    public static double? Level(double value) => double.IsFinite(value) ? Round(value, 2) : null;

    public static double Round(double value, int digits) => Math.Round(value, digits, MidpointRounding.AwayFromZero);
}
