using System.Text.Json;
using System.Text.Json.Nodes;
using RenderFarm.Audio.Analysis;

namespace RenderFarm.Cli.Commands;

/// <summary>The JSON line for one file. Levels that do not exist (silence) are null rather than -Infinity.</summary>
internal static class AnalysisJson
{
    private static readonly JsonSerializerOptions Compact = new() { WriteIndented = false };

    public static string Serialize(AnalysisOutcome outcome)
    {
        var o = new JsonObject { ["file"] = outcome.File };
        if (outcome.Analysis is not { } a)
        {
            o["error"] = outcome.Error;
            return o.ToJsonString(Compact);
        }

        o["container"] = a.Info.Container;
        o["codec"] = a.Info.Codec;
        LoudnessJson.AddLoudness(o, a.Loudness);
        if (a.Info.Warnings.Count > 0)
        {
            o["warnings"] = new JsonArray(a.Info.Warnings.Select(w => (JsonNode?)w).ToArray());
        }

        if (a.Series.Count > 0)
        {
            o["series"] = LoudnessJson.Series(a.Series);
        }

        return o.ToJsonString(Compact);
    }
}
