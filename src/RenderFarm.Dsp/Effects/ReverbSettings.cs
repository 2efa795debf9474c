namespace RenderFarm.Dsp.Effects;

/// <summary>An algorithmic room: pre-delay, decay time (RT60), high-frequency damping, size and wet/dry mix.</summary>
public sealed record ReverbSettings
{
    public double PreDelayMs { get; init; } = 20.0;

    /// <summary>Time for the tail to fall 60 dB at low and middle frequencies.</summary>
    public double DecaySeconds { get; init; } = 1.8;

    /// <summary>0 keeps the highs as long as the rest; 1 lets them die about four times faster.</summary>
    public double Damping { get; init; } = 0.4;

    /// <summary>Scales the room's delay lengths (0.5 a small room, 2 a hall).</summary>
    public double Size { get; init; } = 1.0;

    /// <summary>0 dry, 1 only the reverb (as on a send bus).</summary>
    public double Mix { get; init; } = 1.0;

    public void Validate(string path = "reverb")
    {
        Guard.InRange(PreDelayMs, 0.0, 500.0, $"{path}.predelay_ms", "ms");
        Guard.InRange(DecaySeconds, 0.1, 30.0, $"{path}.decay_s", "s");
        Guard.InRange(Damping, 0.0, 1.0, $"{path}.damping", "");
        Guard.InRange(Size, 0.3, 2.0, $"{path}.size", "");
        Guard.InRange(Mix, 0.0, 1.0, $"{path}.mix", "");
    }

    /// <summary>How long the reverb keeps sounding after its input stops: pre-delay plus the fall to -90 dB.</summary>
    public double TailSeconds => (PreDelayMs * 0.001) + 0.05 + (1.5 * DecaySeconds);
}
