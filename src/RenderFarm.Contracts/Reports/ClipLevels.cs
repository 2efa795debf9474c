namespace RenderFarm.Contracts.Reports;

/// <summary>A channel's clip levels as fractions of full scale; null where it was not clipped that way.</summary>
public sealed record ClipLevels(double? Positive, double? Negative);
