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

    private IReadOnlyList<RepairRow> Rows => [.. Describe(Report)];

    /// <summary>The repaired clicks as ticks for the input's waveform (stage <c>restore</c>); none without a restore.</summary>
    public static IEnumerable<QcItem> Ticks(RestorationReport? report) =>
        report?.Declick?.Listed.Select(c => new QcItem("restore", "click repaired", "info", c.StartS, null, c.Channel, $"{c.Samples} samples")) ?? [];

    private static IEnumerable<RepairRow> Describe(RestorationReport r)
    {
        var f = CultureInfo.InvariantCulture;
        if (r.Declick is { } d)
        {
            yield return new("De-click", string.Create(f, $"{d.Clicks} clicks rebuilt ({d.ClicksPerMinute:0.#} a minute), {d.Samples} samples"));
        }

        if (r.Declip is { } c)
        {
            yield return new("De-clip", string.Create(f, $"{c.Runs} clipped runs rebuilt ({c.Samples} samples), {c.LeftTooLong} too long left; rebuilt peak {Show.Level(c.RebuiltPeakDbfs, "dBFS")}"));
        }

        if (r.Dehum is { Harmonics.Count: > 0 } h)
        {
            yield return new("De-hum", string.Create(f, $"{h.MainsHz:0} Hz mains, fundamental {h.FundamentalMinHz:0.00}-{h.FundamentalMaxHz:0.00} Hz; harmonics {string.Join(", ", h.Harmonics)} taken away ({h.ContrastDb:0.0} dB over the floor)"));
        }
        else if (r.Dehum is not null)
        {
            yield return new("De-hum", "no hum stood out of the floor; nothing taken away");
        }

        if (r.Denoise is { } n)
        {
            var from = n.ProfileSource == "range" ? "the passage given" : $"the {n.ProfileFrom.Count} quietest passages";
            yield return new("De-noise", string.Create(f, $"noise floor {n.FloorDbfs:0.0} dBFS (from {from}), turned down by up to {n.ReductionDb:0.#} dB; the level fell {n.RemovedDb:0.00} dB"));
        }

        if (r.Dc is { } dc)
        {
            yield return new("DC", "removed: " + string.Join(", ", dc.Removed.Select(v => v.ToString("0.00000", f))));
        }

        if (r.Polarity is { } p)
        {
            yield return new("Polarity", string.Create(f, $"channel {p.Channel} turned over (low-band correlation {p.CorrelationBefore:0.00} to {p.CorrelationAfter:0.00})"));
        }

        if (r.Azimuth is { } a)
        {
            yield return new("Azimuth", a.ChannelAdvanced is { } channel
                ? string.Create(f, $"channel {channel} lagged {Math.Abs(a.DelaySamples):0.000} samples ({Math.Abs(a.DelayUs):0.0} µs); brought into line")
                : string.Create(f, $"channels in line ({a.DelaySamples:0.000} samples apart)"));
        }

        yield return new("Change", r.ChangeSdrDb is { } sdr ? string.Create(f, $"the restored file against the recording: {sdr:0.0} dB signal to difference") : "nothing needed repair");
    }

    private sealed record RepairRow(string Repair, string Done);
}
