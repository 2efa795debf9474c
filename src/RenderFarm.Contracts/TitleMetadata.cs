namespace RenderFarm.Contracts;

/// <summary>What the deliverables of a title are tagged with.</summary>
public sealed record TitleMetadata
{
    public string? Title { get; init; }

    public string? Artist { get; init; }

    public string? Album { get; init; }

    public int? TrackNumber { get; init; }

    public string? Isrc { get; init; }

    public string? Upc { get; init; }
}
