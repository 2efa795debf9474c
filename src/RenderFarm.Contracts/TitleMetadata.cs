using Orleans;

namespace RenderFarm.Contracts;

/// <summary>What a title's deliverables are tagged with: kept by its title and tasks, carried by its commands.</summary>
[GenerateSerializer, Immutable]
public sealed record TitleMetadata
{
    [Id(0)] public string? Title { get; set; }

    [Id(1)] public string? Artist { get; set; }

    [Id(2)] public string? Album { get; set; }

    [Id(3)] public int? TrackNumber { get; set; }

    [Id(4)] public string? Isrc { get; set; }

    [Id(5)] public string? Upc { get; set; }
}
