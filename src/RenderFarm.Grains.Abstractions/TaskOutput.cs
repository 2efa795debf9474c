namespace RenderFarm.Grains;

/// <summary>A file a task wrote and its SHA-256.</summary>
[GenerateSerializer, Immutable]
public sealed record TaskOutput([property: Id(0)] string Path, [property: Id(1)] string Sha256);
