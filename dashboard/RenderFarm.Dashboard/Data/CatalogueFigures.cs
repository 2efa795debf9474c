using System.Globalization;
using RenderFarm.Grains;

namespace RenderFarm.Dashboard.Data;

/// <summary>A catalogue's summary figures: time left, loudness distributions before and after, compliance and QC counts.</summary>
public static class CatalogueFigures
{
    /// <summary>
    /// The time left, from the pace so far (elapsed since the first title started, over the work done); null when it
    /// has ended, has not started, or is paused.
    /// </summary>
    public static TimeSpan? Remaining(CatalogSummary catalogue, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(catalogue);
        if (catalogue.Status.IsFinal() || catalogue.Paused)
        {
            return null;
        }

        var progress = catalogue.Progress;
        var started = catalogue.FirstStartedAt ?? catalogue.CreatedAt;
        if (progress <= 0.01 || progress >= 1 || started is null)
        {
            return null;
        }

        var elapsed = now - started.Value;
        return elapsed <= TimeSpan.Zero ? null : elapsed * ((1 - progress) / progress);
    }

    /// <summary>"about 4 min", "about 1 h 20 min", "under a minute".</summary>
    public static string Describe(TimeSpan? remaining) => remaining switch
    {
        null => "—",
        { TotalMinutes: < 1 } => "under a minute",
        { TotalHours: < 1 } r => string.Create(CultureInfo.InvariantCulture, $"about {Math.Ceiling(r.TotalMinutes):0} min"),
        { } r => string.Create(CultureInfo.InvariantCulture, $"about {Math.Floor(r.TotalHours):0} h {r.Minutes:0} min"),
    };

    /// <summary>A catalogue's loudness figures as the bar chart shows them: bins labelled by their lower edge (LUFS).</summary>
    public static LoudnessDistribution Distribution(CatalogLoudness loudness)
    {
        ArgumentNullException.ThrowIfNull(loudness);
        return new LoudnessDistribution(
            [.. Enumerable.Range(loudness.LowLufs, loudness.Before.Count).Select(b => b.ToString(CultureInfo.InvariantCulture))],
            [.. loudness.Before.Select(n => (double)n)],
            [.. loudness.After.Select(n => (double)n)],
            loudness.TargetMet,
            loudness.TargetMissed,
            loudness.QcFindings,
            loudness.QcErrors);
    }
}
