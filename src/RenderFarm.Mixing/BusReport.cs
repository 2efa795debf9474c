namespace RenderFarm.Mixing;

/// <summary>A bus's output peak (after its inserts and fader).</summary>
public sealed record BusReport(string Name, bool Muted, double? PeakDbfs, bool Clips);
