namespace RenderFarm.Grains;

/// <summary>A silo of the cluster as membership sees it.</summary>
[GenerateSerializer, Immutable]
public sealed record SiloEntry(
    [property: Id(0)] string Address,
    [property: Id(1)] string Name,
    [property: Id(2)] string HostName,
    [property: Id(3)] string Status,
    [property: Id(4)] DateTimeOffset? StartedAt);
