namespace RenderFarm.Mixing;

/// <summary>A stem file: a track's output (<see cref="Send"/> null) or one of its sends.</summary>
public sealed record StemReport(int Track, int? Send, string Path, string Sha256);
