using System.Globalization;
using Microsoft.AspNetCore.Components;
using RenderFarm.Contracts.Reports;
using RenderFarm.Dashboard.Data;

namespace RenderFarm.Dashboard.Components;

/// <summary>What the restore before the master did, repair by repair (restore.json), as the title page shows it.</summary>
public sealed partial class RestoreSection
{
    private const int MaxListed = 20;

    // The repairs offered to listen to: four seconds before and after each (GET /api/titles/.../excerpt).
    private const int Listen = 5;

    [Parameter, EditorRequired]
    public RestorationReport Report { get; set; } = new();

    /// <summary>The title's catalogue and number, for its excerpts; without them none are offered.</summary>
    [Parameter]
    public string? CatalogId { get; set; }

    [Parameter]
    public string? Number { get; set; }

    private string Excerpt(double at, string version) =>
        string.Create(CultureInfo.InvariantCulture, $"api/titles/{Uri.EscapeDataString(CatalogId!)}/{Uri.EscapeDataString(Number!)}/excerpt?at={at:0.000}&version={version}");

    private IReadOnlyList<RepairRow> Rows => [.. RestorationSummary.Describe(Report).Select(r => new RepairRow(char.ToUpperInvariant(r.Repair[0]) + r.Repair[1..], r.Done))];

    /// <summary>The repaired clicks as ticks for the input's waveform (stage <c>restore</c>); none without a restore.</summary>
    public static IEnumerable<QcItem> Ticks(RestorationReport? report) =>
        report?.Declick?.Listed.Select(c => new QcItem("restore", "click repaired", "info", c.StartS, null, c.Channel, $"{c.Samples} samples")) ?? [];

    private sealed record RepairRow(string Repair, string Done);
}
