namespace RenderFarm.Dsp.Stereo;

/// <summary>
/// Mono compatibility of a stereo programme: the correlation of left and right over the whole programme
/// and at its worst second, and the loudness lost when it is folded down to mono ((L+R)/2 on both
/// speakers): 0 dB for a mono-compatible mix, 3 dB for uncorrelated channels, more where they cancel.
/// </summary>
public sealed record StereoReport(double Correlation, double MinimumWindowCorrelation, double MinimumWindowTimeSeconds, double MonoLossDb);
