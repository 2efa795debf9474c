namespace RenderFarm.Dsp.Dynamics;

/// <summary>A downward expander or gate: below the threshold the level falls <see cref="Ratio"/> times faster, down to <see cref="RangeDb"/>.</summary>
public sealed record GateSettings
{
    public double ThresholdDb { get; init; } = -50.0;

    /// <summary>Output dB per input dB below the threshold: 2 is a gentle expander, 100 a gate.</summary>
    public double Ratio { get; init; } = 100.0;

    /// <summary>The most the gain is taken down (positive dB).</summary>
    public double RangeDb { get; init; } = 80.0;

    /// <summary>How fast the gate opens.</summary>
    public double AttackMs { get; init; } = 0.5;

    /// <summary>How long it stays open after the level falls below the threshold.</summary>
    public double HoldMs { get; init; } = 20.0;

    /// <summary>How fast it closes.</summary>
    public double ReleaseMs { get; init; } = 100.0;

    public void Validate(string path = "gate")
    {
        Guard.InRange(ThresholdDb, -100.0, 0.0, $"{path}.threshold_db", "dB");
        Guard.InRange(Ratio, 1.0, 100.0, $"{path}.ratio", "");
        Guard.InRange(RangeDb, 0.0, 120.0, $"{path}.range_db", "dB");
        Guard.InRange(AttackMs, 0.05, 500.0, $"{path}.attack_ms", "ms");
        Guard.InRange(HoldMs, 0.0, 5000.0, $"{path}.hold_ms", "ms");
        Guard.InRange(ReleaseMs, 1.0, 5000.0, $"{path}.release_ms", "ms");
    }

    /// <summary>The static gain (0 or negative dB) the curve asks for at an input level in dB.</summary>
    public double GainDb(double inputDb) =>
        inputDb >= ThresholdDb ? 0.0 : Math.Max(-RangeDb, (inputDb - ThresholdDb) * (Ratio - 1.0));
}
