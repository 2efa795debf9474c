namespace RenderFarm.Grains;

/// <summary>A page of a catalogue's titles: how many it has, how many match the query, and those of the page.</summary>
[GenerateSerializer, Immutable]
public sealed record TitlePage
{
    [Id(0)] public int Total { get; init; }

    [Id(1)] public int Matching { get; init; }

    [Id(2)] public int Offset { get; init; }

    [Id(3)] public IReadOnlyList<TitleSnapshot> Titles { get; init; } = [];
}
