namespace RenderFarm.Dsp;

/// <summary>Conversions between linear gain or energy and decibels.</summary>
public static class Decibels
{
    /// <summary>Linear amplitude to dB; zero gives negative infinity.</summary>
    public static double FromAmplitude(double amplitude) => 20.0 * Math.Log10(amplitude);

    /// <summary>dB to linear amplitude.</summary>
    public static double ToAmplitude(double decibels) => Math.Pow(10.0, decibels / 20.0);

    /// <summary>Power or energy ratio to dB.</summary>
    public static double FromPower(double power) => 10.0 * Math.Log10(power);

    /// <summary>dB to a power or energy ratio.</summary>
    public static double ToPower(double decibels) => Math.Pow(10.0, decibels / 10.0);
}
