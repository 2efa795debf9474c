using RenderFarm.Contracts.Reports;

namespace RenderFarm.Grains;

/// <summary>
/// A catalogue's titles' loudness summed up: titles per 1-LU bin of integrated loudness before (input) and after
/// (output), the bins from <see cref="LowLufs"/> up, over the bins both span; how many met their target and missed
/// it; QC findings and errors. Empty while no title has figures.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record CatalogLoudness
{
    /// <summary>The lower edge of the first bin, in LUFS.</summary>
    [Id(0)] public int LowLufs { get; init; }

    [Id(1)] public IReadOnlyList<int> Before { get; init; } = [];

    [Id(2)] public IReadOnlyList<int> After { get; init; } = [];

    [Id(3)] public int TargetMet { get; init; }

    [Id(4)] public int TargetMissed { get; init; }

    [Id(5)] public int QcFindings { get; init; }

    [Id(6)] public int QcErrors { get; init; }

    /// <summary>The figures of titles' headlines (null: a title without figures yet).</summary>
    public static CatalogLoudness Of(IEnumerable<TitleLoudness?> titles)
    {
        ArgumentNullException.ThrowIfNull(titles);
        var figures = titles.OfType<TitleLoudness>().ToArray();
        var levels = figures.SelectMany(l => new[] { l.InputLufs, l.OutputLufs }).OfType<double>().ToArray();
        if (levels.Length == 0)
        {
            return new CatalogLoudness();
        }

        var low = (int)Math.Floor(Math.Max(-70, levels.Min()));
        var high = (int)Math.Floor(Math.Min(0, levels.Max()));
        var before = new int[Math.Max(1, high - low + 1)];
        var after = new int[before.Length];
        foreach (var l in figures)
        {
            Count(before, l.InputLufs, low);
            Count(after, l.OutputLufs, low);
        }

        return new CatalogLoudness
        {
            LowLufs = low,
            Before = before,
            After = after,
            TargetMet = figures.Count(l => l.TargetMet == true),
            TargetMissed = figures.Count(l => l.TargetMet == false),
            QcFindings = figures.Sum(l => l.QcFindings),
            QcErrors = figures.Sum(l => l.QcErrors),
        };
    }

    private static void Count(int[] bins, double? lufs, int low)
    {
        if (lufs is { } v)
        {
            bins[Math.Clamp((int)Math.Floor(v) - low, 0, bins.Length - 1)]++;
        }
    }
}
