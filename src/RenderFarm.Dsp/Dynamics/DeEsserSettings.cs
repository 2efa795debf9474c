namespace RenderFarm.Dsp.Dynamics;

/// <summary>A de-esser: sibilance above <see cref="FrequencyHz"/> is turned down when it rises over the threshold.</summary>
public sealed record DeEsserSettings
{
    /// <summary>Corner of the high-pass that both detects and is turned down.</summary>
    public double FrequencyHz { get; init; } = 6000.0;

    public double ThresholdDb { get; init; } = -30.0;

    public double Ratio { get; init; } = 4.0;

    /// <summary>The most the sibilant band is taken down (positive dB).</summary>
    public double MaxReductionDb { get; init; } = 12.0;

    public double AttackMs { get; init; } = 1.0;

    public double ReleaseMs { get; init; } = 60.0;

    public void Validate(string path = "de_esser")
    {
        Guard.InRange(FrequencyHz, 1000.0, 16_000.0, $"{path}.frequency_hz", "Hz");
        Guard.InRange(ThresholdDb, -80.0, 0.0, $"{path}.threshold_db", "dB");
        Guard.InRange(Ratio, 1.0, 100.0, $"{path}.ratio", "");
        Guard.InRange(MaxReductionDb, 0.0, 40.0, $"{path}.max_reduction_db", "dB");
        Guard.InRange(AttackMs, 0.05, 100.0, $"{path}.attack_ms", "ms");
        Guard.InRange(ReleaseMs, 1.0, 2000.0, $"{path}.release_ms", "ms");
    }

    /// <summary>The reduction (0 or negative dB) of the sibilant band for a sidechain level in dB.</summary>
    public double GainDb(double levelDb) =>
        levelDb <= ThresholdDb ? 0.0 : Math.Max(-MaxReductionDb, (levelDb - ThresholdDb) * ((1.0 / Ratio) - 1.0));
}
