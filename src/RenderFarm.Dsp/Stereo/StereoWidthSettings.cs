namespace RenderFarm.Dsp.Stereo;

/// <summary>Mid/side width and the frequency below which the image is made mono.</summary>
public sealed record StereoWidthSettings
{
    /// <summary>Side gain: 0 is mono, 1 unchanged, 2 twice as wide.</summary>
    public double Width { get; init; } = 1.0;

    /// <summary>Below this the side signal is removed (a fourth-order Linkwitz-Riley split); null keeps the bass as it is.</summary>
    public double? MonoBelowHz { get; init; }

    public void Validate(double sampleRate, string path = "stereo")
    {
        Guard.InRange(Width, 0.0, 2.0, $"{path}.width", "");
        if (MonoBelowHz is { } f)
        {
            Guard.InRange(f, 20.0, Math.Min(500.0, (sampleRate / 2) - 1), $"{path}.mono_below_hz", "Hz");
        }
    }
}
