namespace RenderFarm.Dsp.Dynamics;

/// <summary>A compressor's static curve and ballistics. Field names in errors are those of the profile file.</summary>
public sealed record CompressorSettings
{
    public double ThresholdDb { get; init; } = -18.0;

    /// <summary>Input dB over threshold per output dB; 1 is no compression, 100 is limiting.</summary>
    public double Ratio { get; init; } = 2.0;

    /// <summary>Width of the soft knee around the threshold; 0 is a hard knee.</summary>
    public double KneeDb { get; init; } = 6.0;

    public double AttackMs { get; init; } = 10.0;

    public double ReleaseMs { get; init; } = 150.0;

    public double MakeupDb { get; init; }

    /// <summary>Throws naming <paramref name="path"/> and the field when a value is outside what is accepted.</summary>
    public void Validate(string path = "compressor")
    {
        Guard.InRange(ThresholdDb, -80.0, 0.0, $"{path}.threshold_db", "dB");
        Guard.InRange(Ratio, 1.0, 100.0, $"{path}.ratio", "");
        Guard.InRange(KneeDb, 0.0, 24.0, $"{path}.knee_db", "dB");
        Guard.InRange(AttackMs, 0.05, 500.0, $"{path}.attack_ms", "ms");
        Guard.InRange(ReleaseMs, 1.0, 5000.0, $"{path}.release_ms", "ms");
        Guard.InRange(MakeupDb, -24.0, 24.0, $"{path}.makeup_db", "dB");
    }

    /// <summary>The static curve: output level for an input level, both in dB (Giannoulis, Massberg and Reiss, 2012).</summary>
    public double OutputDb(double inputDb)
    {
        var over = inputDb - ThresholdDb;
        if (2.0 * over < -KneeDb)
        {
            return inputDb;
        }

        if (2.0 * Math.Abs(over) <= KneeDb && KneeDb > 0.0)
        {
            var k = over + (KneeDb / 2.0);
            return inputDb + ((1.0 / Ratio) - 1.0) * k * k / (2.0 * KneeDb);
        }

        return ThresholdDb + (over / Ratio);
    }
}
