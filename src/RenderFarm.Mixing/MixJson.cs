using System.Text.Json;
using System.Text.Json.Nodes;
using RenderFarm.Audio.Analysis;

namespace RenderFarm.Mixing;

/// <summary>The JSON report of <c>renderfarm mix</c>: the mix's loudness in the shape of <c>analyze --json</c>, tracks, buses, stems and notes.</summary>
public static class MixJson
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static string Serialize(MixReport r)
    {
        var mix = LoudnessJson.AddLoudness(new JsonObject { ["file"] = r.Output, ["sha256"] = r.Sha256 }, r.Loudness);
        mix["mono_fold_down_lufs"] = r.Loudness.MonoFoldDownLufs is { } m ? LoudnessJson.Level(m) : null;
        mix["over_samples"] = r.OverSamples;
        return new JsonObject
        {
            ["mix"] = mix,
            ["mode"] = r.Mode,
            ["sample_rate"] = r.SampleRate,
            ["frames"] = r.Frames,
            ["duration_s"] = LoudnessJson.Round(r.DurationSeconds, 3),
            ["tracks"] = new JsonArray([.. r.Tracks.Select(t => (JsonNode?)new JsonObject
            {
                ["index"] = t.Index,
                ["name"] = t.Name,
                ["source"] = t.Source,
                ["audible"] = t.Audible,
                ["peak_dbfs"] = Level(t.PeakDbfs),
                ["integrated_lufs"] = Level(t.IntegratedLufs),
                ["over_samples"] = t.OverSamples,
                ["clips"] = t.Clips,
                ["silent"] = t.Silent,
            })]),
            ["buses"] = new JsonArray([.. r.Buses.Select(b => (JsonNode?)new JsonObject
            {
                ["name"] = b.Name,
                ["muted"] = b.Muted,
                ["peak_dbfs"] = Level(b.PeakDbfs),
                ["clips"] = b.Clips,
            })]),
            ["stems"] = new JsonArray([.. r.Stems.Select(s => (JsonNode?)new JsonObject
            {
                ["track"] = s.Track,
                ["send"] = s.Send,
                ["path"] = s.Path,
                ["sha256"] = s.Sha256,
            })]),
            ["notes"] = new JsonArray([.. r.Notes.Select(n => (JsonNode?)n)]),
            ["elapsed_s"] = LoudnessJson.Round(r.ElapsedSeconds, 3),
            ["real_time_factor"] = LoudnessJson.Round(r.RealTimeFactor, 1),
        }.ToJsonString(Indented);
    }

    private static double? Level(double? value) => value is { } v ? LoudnessJson.Level(v) : null;
}
