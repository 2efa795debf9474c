using System.Text.Json;
using System.Text.Json.Nodes;

namespace RenderFarm.Grains.Titles;

/// <summary>
/// A title's report when its deliverables were made by tasks of their own: the master task's report with
/// each deliverable task's entry in <c>deliverables</c> (in the profile's order) and each deliverable's QC
/// findings added to <c>qc</c> under its label, as the one-pass report has them.
/// </summary>
public static class TitleReport
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>The headline figures of a mastering report; null when it is not one (a mixdown's, say).</summary>
    public static TitleLoudness? Loudness(string? report)
    {
        if (report is null || JsonNode.Parse(report) is not JsonObject root || root["output"] is not JsonObject output)
        {
            return null;
        }

        var qc = root["qc"] as JsonArray ?? [];
        return new TitleLoudness
        {
            InputLufs = Number(root["input"]?["integrated_lufs"]),
            OutputLufs = Number(output["integrated_lufs"]),
            OutputTruePeakDbtp = Number(output["true_peak_dbtp"]),
            OutputRangeLu = Number(output["loudness_range_lu"]),
            TargetLufs = Number(root["target"]?["integrated_lufs"]),
            TargetMet = root["target"]?["met"] is JsonValue met && met.TryGetValue<bool>(out var b) ? b : null,
            QcFindings = qc.Count,
            QcErrors = qc.Count(f => f?["severity"] is JsonValue s && s.TryGetValue<string>(out var text) && text == "error"),
        };
    }

    private static double? Number(JsonNode? node) => node is JsonValue v && v.TryGetValue<double>(out var d) ? d : null;

    public static string? WithDeliverables(string? masterReport, IReadOnlyList<string> labels, IReadOnlyList<string?> deliverables)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(deliverables);
        if (masterReport is null || JsonNode.Parse(masterReport) is not JsonObject report)
        {
            return masterReport;
        }

        var list = new JsonArray();
        if (report["qc"] is not JsonArray qc)
        {
            qc = [];
            report["qc"] = qc;
        }

        for (var i = 0; i < deliverables.Count; i++)
        {
            if (deliverables[i] is not { } text || JsonNode.Parse(text) is not JsonObject entry)
            {
                continue;
            }

            var label = entry["label"]?.GetValue<string>() ?? labels[i];
            foreach (var finding in entry["qc"] as JsonArray ?? [])
            {
                if (finding is JsonObject f)
                {
                    var staged = new JsonObject { ["stage"] = label };
                    foreach (var (key, value) in f)
                    {
                        staged[key] = value?.DeepClone();
                    }

                    qc.Add(staged);
                }
            }

            list.Add(entry);
        }

        report["deliverables"] = list;
        return report.ToJsonString(Indented);
    }
}
