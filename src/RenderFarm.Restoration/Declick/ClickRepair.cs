namespace RenderFarm.Restoration.Declick;

/// <summary>One click rebuilt: its first frame in the input, how many samples, which channel (from 0).</summary>
public readonly record struct ClickRepair(long Start, int Length, int Channel);
