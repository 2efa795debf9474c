namespace RenderFarm.Grains;

/// <summary>Which titles of a catalogue to read: a page of <see cref="Limit"/> from <see cref="Offset"/> among those of a status and matching a search.</summary>
[GenerateSerializer, Immutable]
public sealed record TitleQuery
{
    /// <summary>The most titles a page holds.</summary>
    public const int MaxLimit = 500;

    [Id(0)] public int Offset { get; init; }

    [Id(1)] public int Limit { get; init; } = 50;

    /// <summary>Only titles of this status; null: all.</summary>
    [Id(2)] public JobStatus? Status { get; init; }

    /// <summary>Only titles whose source, title tag or id holds this text (any case); null or empty: all.</summary>
    [Id(3)] public string? Search { get; init; }

    /// <summary>Whether <paramref name="title"/> is one this query picks (status and search; the page aside).</summary>
    public bool Matches(TitleSnapshot title)
    {
        ArgumentNullException.ThrowIfNull(title);
        return (Status is null || title.Status == Status)
            && (string.IsNullOrWhiteSpace(Search)
                || title.Spec.Source.Contains(Search, StringComparison.OrdinalIgnoreCase)
                || title.TitleId.Contains(Search, StringComparison.OrdinalIgnoreCase)
                || title.Spec.Tags.Title?.Contains(Search, StringComparison.OrdinalIgnoreCase) == true);
    }

    /// <summary>The page of <paramref name="titles"/> (in the catalogue's order) this query asks for.</summary>
    public TitlePage Page(IReadOnlyList<TitleSnapshot> titles)
    {
        ArgumentNullException.ThrowIfNull(titles);
        var offset = Math.Max(0, Offset);
        var limit = Math.Clamp(Limit, 1, MaxLimit);
        var matching = titles.Where(Matches).ToArray();
        return new TitlePage { Total = titles.Count, Matching = matching.Length, Offset = offset, Titles = [.. matching.Skip(offset).Take(limit)] };
    }
}
