namespace RenderFarm.Dsp.Effects;

/// <summary>Soft saturation: the signal, raised by the drive, goes through tanh; <see cref="Mix"/> blends it with the dry signal.</summary>
public sealed record SaturationSettings
{
    public double DriveDb { get; init; } = 6.0;

    /// <summary>0 is the dry signal, 1 the saturated one.</summary>
    public double Mix { get; init; } = 1.0;

    public double OutputDb { get; init; }

    public void Validate(string path = "saturation")
    {
        Guard.InRange(DriveDb, 0.0, 36.0, $"{path}.drive_db", "dB");
        Guard.InRange(Mix, 0.0, 1.0, $"{path}.mix", "");
        Guard.InRange(OutputDb, -36.0, 12.0, $"{path}.output_db", "dB");
    }
}
