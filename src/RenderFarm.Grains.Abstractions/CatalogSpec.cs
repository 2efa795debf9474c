namespace RenderFarm.Grains;

/// <summary>A catalogue to render: its titles, priority, task policy and an optional webhook called when it ends.</summary>
[GenerateSerializer, Immutable]
public sealed record CatalogSpec
{
    [Id(0)] public required string Name { get; init; }

    [Id(1)] public required IReadOnlyList<TitleSpec> Titles { get; init; }

    /// <summary>0 (lowest) to 100.</summary>
    [Id(2)] public int Priority { get; init; } = 50;

    [Id(3)] public TaskPolicy Policy { get; init; } = new();

    [Id(4)] public string? Webhook { get; init; }
}
