namespace RenderFarm.Dashboard.Data;

/// <summary>A saved profile: its path (what a catalogue names), target and deliverables, or why it does not load.</summary>
public sealed record ProfileInfo(string Name, string Path, string? Target, IReadOnlyList<string> Deliverables, string? Error);
