namespace RenderFarm.Contracts.Reports;

/// <summary>A channel turned over: which (from 1), and the channels' correlation below 200 Hz before and after.</summary>
public sealed record PolarityOutcome(int Channel, double CorrelationBefore, double CorrelationAfter);
