namespace RenderFarm.Dsp.Metering;

/// <summary>Compact peak data: per bucket of <paramref name="BucketSeconds"/>, the lowest and highest sample and the RMS over all channels.</summary>
public sealed record WaveformData(double BucketSeconds, float[] Min, float[] Max, float[] Rms);
