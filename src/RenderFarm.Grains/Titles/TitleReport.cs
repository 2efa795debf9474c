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
