namespace RenderFarm.Testing;

/// <summary>A stretch of sine tone: its length, the peak level of each channel in dBFS (null for silence), frequency and start phase.</summary>
public sealed record ToneSegment(double Seconds, double?[] LevelsDbfs, double FrequencyHz = 1000.0, double PhaseDegrees = 0.0)
{
    /// <summary>The same level on every one of <paramref name="channels"/> channels.</summary>
    public static ToneSegment Uniform(double seconds, double levelDbfs, int channels = 2, double frequencyHz = 1000.0, double phaseDegrees = 0.0) =>
        new(seconds, Enumerable.Repeat<double?>(levelDbfs, channels).ToArray(), frequencyHz, phaseDegrees);
}
