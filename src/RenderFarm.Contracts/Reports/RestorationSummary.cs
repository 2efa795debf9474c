using System.Globalization;

namespace RenderFarm.Contracts.Reports;

/// <summary>
/// What a restore did, repair by repair, in words: the one wording the command line, the worker's log and the
/// title page share.
/// </summary>
public static class RestorationSummary
{
    /// <summary>Each repair that ran (or was asked for) and what it did, in the order they ran; last, how much changed.</summary>
    public static IEnumerable<(string Repair, string Done)> Describe(RestorationReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var f = CultureInfo.InvariantCulture;
        if (report.Polarity is { } p)
        {
            yield return ("polarity", string.Create(f, $"channel {p.Channel} turned over (low-band correlation {p.CorrelationBefore:0.00} to {p.CorrelationAfter:0.00})"));
        }

        if (report.Declip is { } c)
        {
            var peak = c.RebuiltPeakDbfs is { } dbfs ? string.Create(f, $"{dbfs:0.0} dBFS") : "none";
            yield return ("de-clip", string.Create(f, $"{c.Runs} clipped runs rebuilt ({c.Samples} samples), {c.LeftTooLong} too long left; rebuilt peak {peak}"));
        }

        if (report.Dc is { } dc)
        {
            yield return ("DC", "removed: " + string.Join(", ", dc.Removed.Select(v => v.ToString("0.00000", f))));
        }

        if (report.Dehum is { Harmonics.Count: > 0 } h)
        {
            yield return ("de-hum", string.Create(f, $"{h.MainsHz:0} Hz mains, fundamental {h.FundamentalMinHz:0.00}-{h.FundamentalMaxHz:0.00} Hz; harmonics {string.Join(", ", h.Harmonics)} taken away ({h.ContrastDb:0.0} dB over the floor)"));
        }
        else if (report.Dehum is not null)
        {
            yield return ("de-hum", "no hum stood out of the floor; nothing taken away");
        }

        if (report.Declick is { } d)
        {
            yield return ("de-click", string.Create(f, $"{d.Clicks} clicks rebuilt ({d.ClicksPerMinute:0.#} a minute), {d.Samples} samples"));
        }

        if (report.Denoise is { } n)
        {
            var from = n.ProfileSource == "range" ? "the passage given" : $"the {n.ProfileFrom.Count} quietest passages";
            yield return ("de-noise", string.Create(f, $"noise floor {n.FloorDbfs:0.0} dBFS (from {from}), turned down by up to {n.ReductionDb:0.#} dB; the level fell {n.RemovedDb:0.00} dB"));
        }

        if (report.Azimuth is { } a)
        {
            yield return ("azimuth", a.ChannelAdvanced is { } channel
                ? string.Create(f, $"channel {channel} lagged {Math.Abs(a.DelaySamples):0.000} samples ({Math.Abs(a.DelayUs):0.0} µs); brought into line")
                : string.Create(f, $"channels in line ({a.DelaySamples:0.000} samples apart); nothing moved"));
        }

        yield return ("change", report.ChangeSdrDb is { } sdr
            ? string.Create(f, $"the restored file against the recording: {sdr:0.0} dB signal to difference")
            : "nothing needed repair");
    }
}
