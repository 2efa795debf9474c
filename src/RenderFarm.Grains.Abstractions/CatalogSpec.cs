namespace RenderFarm.Grains;

/// <summary>A catalogue to render: its titles, priority, task policy, an optional webhook called when it ends, and whose it is.</summary>
[GenerateSerializer, Immutable]
public sealed record CatalogSpec
{
    [Id(0)] public required string Name { get; init; }

    [Id(1)] public required IReadOnlyList<TitleSpec> Titles { get; init; }

    /// <summary>0 (lowest) to 100.</summary>
    [Id(2)] public int Priority { get; init; } = 50;

    [Id(3)] public TaskPolicy Policy { get; init; } = new();

    [Id(4)] public string? Webhook { get; init; }

    /// <summary>The client account the catalogue is for (its people see it and download what it made); null: the studio's own.</summary>
    [Id(5)] public string? Client { get; init; }
}
