namespace RenderFarm.Contracts.Reports;

/// <summary>DC removed: each channel's offset before, as a fraction of full scale, and the high-pass used.</summary>
public sealed record DcOutcome(IReadOnlyList<double> Removed, string Filter);
