namespace RenderFarm.Dsp.Effects;

/// <summary>A chorus: voices delayed by a few milliseconds, each swept by a slow sine.</summary>
public sealed record ChorusSettings
{
    public double RateHz { get; init; } = 0.8;

    /// <summary>How far each voice's delay swings either side of <see cref="DelayMs"/>.</summary>
    public double DepthMs { get; init; } = 2.0;

    public double DelayMs { get; init; } = 12.0;

    public int Voices { get; init; } = 2;

    /// <summary>0: both channels sweep together; 1: the right channel's sweep a quarter period behind.</summary>
    public double Spread { get; init; } = 1.0;

    public double Mix { get; init; } = 0.5;

    public void Validate(string path = "chorus")
    {
        Guard.InRange(RateHz, 0.01, 10.0, $"{path}.rate_hz", "Hz");
        Guard.InRange(DelayMs, 1.0, 50.0, $"{path}.delay_ms", "ms");
        Guard.InRange(DepthMs, 0.0, DelayMs - 0.5, $"{path}.depth_ms", "ms");
        Guard.InRange(Voices, 1, 4, $"{path}.voices", "");
        Guard.InRange(Spread, 0.0, 1.0, $"{path}.spread", "");
        Guard.InRange(Mix, 0.0, 1.0, $"{path}.mix", "");
    }

    public double TailSeconds => (DelayMs + DepthMs) * 0.001;
}
