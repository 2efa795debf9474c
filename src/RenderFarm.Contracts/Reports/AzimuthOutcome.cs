namespace RenderFarm.Contracts.Reports;

/// <summary>
/// The inter-channel delay measured (the second channel behind the first, in samples and microseconds; negative
/// when it led), how coherent the channels were (0 to 1), and the channel that lagged, brought forward into line
/// with the other (from 1; null when the delay was too small to correct).
/// </summary>
public sealed record AzimuthOutcome(double DelaySamples, double DelayUs, double Coherence, int? ChannelAdvanced);
