namespace RenderFarm.Grains;

/// <summary>The metadata a title's deliverables carry.</summary>
[GenerateSerializer, Immutable]
public sealed record TitleTags
{
    [Id(0)] public string? Title { get; init; }

    [Id(1)] public string? Artist { get; init; }

    [Id(2)] public string? Album { get; init; }

    [Id(3)] public int? TrackNumber { get; init; }

    [Id(4)] public string? Isrc { get; init; }

    [Id(5)] public string? Upc { get; init; }
}
