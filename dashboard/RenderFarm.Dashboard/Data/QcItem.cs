using RenderFarm.Contracts.Reports;

namespace RenderFarm.Dashboard.Data;

/// <summary>A QC finding: where it was found (input, master or a deliverable), what, how bad, when.</summary>
public sealed record QcItem(string Stage, string Kind, string Severity, double StartSeconds, double? EndSeconds, int? Channel, string? Detail)
{
    internal static QcItem From(QcEntry f) => new(f.Stage ?? "master", f.Kind, f.Severity, f.StartS, f.EndS, f.Channel, f.Detail);
}
