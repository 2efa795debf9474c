namespace RenderFarm.Contracts.Reports;

/// <summary>One click rebuilt: when it starts, how many samples, which channel (from 1).</summary>
public sealed record ClickEntry(double StartS, int Samples, int Channel);
