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
    public static TimeSpan? Remaining(CatalogSnapshot catalogue, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(catalogue);
        if (catalogue.Status.IsFinal() || catalogue.Paused)
        {
            return null;
        }

        var progress = catalogue.Progress;
        var started = catalogue.Titles.Select(t => t.StartedAt).Where(s => s is not null).Min() ?? catalogue.CreatedAt;
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

    /// <summary>
    /// Titles per 1-LU bin of integrated loudness, before (input) and after (output), over the bins both span;
    /// empty when no title has figures yet.
    /// </summary>
    public static LoudnessDistribution Distribution(IEnumerable<TitleSnapshot> titles)
    {
        var figures = titles.Select(t => t.Loudness).Where(l => l is not null).ToArray();
        var levels = figures.SelectMany(l => new[] { l!.InputLufs, l.OutputLufs }).Where(v => v is not null).Select(v => v!.Value).ToArray();
        if (levels.Length == 0)
        {
            return new LoudnessDistribution([], [], [], 0, 0, 0, 0);
        }

        var low = (int)Math.Floor(Math.Max(-70, levels.Min()));
        var high = (int)Math.Floor(Math.Min(0, levels.Max()));
        var bins = high - low + 1;
        var before = new double[bins];
        var after = new double[bins];
        foreach (var l in figures)
        {
            Count(before, l!.InputLufs, low);
            Count(after, l.OutputLufs, low);
        }

        return new LoudnessDistribution(
            [.. Enumerable.Range(low, bins).Select(b => b.ToString(CultureInfo.InvariantCulture))],
            before,
            after,
            figures.Count(l => l!.TargetMet == true),
            figures.Count(l => l!.TargetMet == false),
            figures.Sum(l => l!.QcFindings),
            figures.Sum(l => l!.QcErrors));
    }

    private static void Count(double[] bins, double? lufs, int low)
    {
        if (lufs is { } v)
        {
            bins[Math.Clamp((int)Math.Floor(v) - low, 0, bins.Length - 1)]++;
        }
    }
}

/// <summary>Titles per 1-LU bin (labelled by the bin's lower edge, LUFS) before and after, with compliance and QC totals.</summary>
public sealed record LoudnessDistribution(string[] Bins, double[] Before, double[] After, int TargetMet, int TargetMissed, int QcFindings, int QcErrors);
