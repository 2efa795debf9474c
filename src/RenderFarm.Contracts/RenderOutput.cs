namespace RenderFarm.Contracts;

/// <summary>A file a task wrote, with its content hash.</summary>
public sealed record RenderOutput(string Path, string Sha256);
