namespace RenderFarm.Dsp.Metering;

/// <summary>One reading of the loudness-over-time series: momentary (400 ms) and short-term (3 s) loudness at a time.</summary>
public readonly record struct LoudnessPoint(double TimeSeconds, double MomentaryLufs, double ShortTermLufs);
