using System.Text.Json.Nodes;
using RenderFarm.Audio.Analysis;
using RenderFarm.Dsp.Metering;

namespace RenderFarm.Mastering.Overview;

/// <summary>
/// overview.json: what the dashboard draws of a title before and after mastering (waveform peaks, long-term
/// spectrum, loudness over time decimated to at most <see cref="MaxLoudnessPoints"/> readings) with the target,
/// so a two-hour title's page opens as fast as a single's (tens of kilobytes either way).
/// </summary>
public static class OverviewJson
{
    public const int MaxLoudnessPoints = 1500;

    public static JsonObject Build(MasteringReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return new JsonObject
        {
            ["version"] = 1,
            ["target_lufs"] = report.AimedLufs ?? report.Target.IntegratedLufs,
            ["ceiling_dbtp"] = report.CeilingDbtp,
            ["input"] = Programme(report.InputOverview, report.InputSeries, report.Input.DurationSeconds),
            ["output"] = Programme(report.OutputOverview, report.OutputSeries, report.Output.DurationSeconds),
        };
    }

    private static JsonObject Programme(ProgrammeOverview? overview, IReadOnlyList<LoudnessPoint> series, double duration)
    {
        var o = new JsonObject { ["duration_s"] = LoudnessJson.Round(duration, 3) };
        if (overview is not null)
        {
            var w = overview.Waveform;
            o["waveform"] = new JsonObject
            {
                ["bucket_s"] = w.BucketSeconds,
                ["min"] = Array(w.Min, 4),
                ["max"] = Array(w.Max, 4),
                ["rms"] = Array(w.Rms, 4),
            };
            if (overview.SpectrumDb is { } levels)
            {
                o["spectrum"] = new JsonObject
                {
                    ["bands_per_octave"] = Dsp.Spectral.LongTermSpectrum.BandsPerOctave,
                    ["hz"] = new JsonArray([.. overview.SpectrumHz.Select(f => (JsonNode?)LoudnessJson.Round(f, 1))]),
                    ["db"] = new JsonArray([.. levels.Select(l => (JsonNode?)(double.IsFinite(l) ? LoudnessJson.Round(l, 1) : null))]),
                };
            }
        }

        var step = Math.Max(1, (series.Count + MaxLoudnessPoints - 1) / MaxLoudnessPoints);
        var momentary = new JsonArray();
        var shortTerm = new JsonArray();
        for (var i = 0; i < series.Count; i += step)
        {
            var m = double.NegativeInfinity;
            var s = double.NegativeInfinity;
            for (var j = i; j < Math.Min(series.Count, i + step); j++)
            {
                m = Math.Max(m, series[j].MomentaryLufs);
                s = Math.Max(s, series[j].ShortTermLufs);
            }

            momentary.Add(Level(m));
            shortTerm.Add(Level(s));
        }

        o["loudness"] = new JsonObject
        {
            ["interval_s"] = LoudnessJson.Round(0.1 * step, 3),
            ["momentary_lufs"] = momentary,
            ["short_term_lufs"] = shortTerm,
        };
        return o;
    }

    // Below the -70 LUFS gate a reading is silence for the chart.
    private static double? Level(double lufs) => double.IsFinite(lufs) && lufs > -70 ? LoudnessJson.Round(lufs, 1) : null;

    private static JsonArray Array(float[] values, int digits) =>
        new([.. values.Select(v => (JsonNode?)LoudnessJson.Round(v, digits))]);
}
