using System.Numerics;

namespace RenderFarm.Dsp.Filters;

/// <summary>Second-order section coefficients normalised so that a0 = 1: y = b0 x + b1 x1 + b2 x2 - a1 y1 - a2 y2.</summary>
public readonly record struct BiquadCoefficients(double B0, double B1, double B2, double A1, double A2)
{
    /// <summary>Passes the signal unchanged.</summary>
    public static BiquadCoefficients Identity => new(1.0, 0.0, 0.0, 0.0, 0.0);

    /// <summary>Both poles inside the unit circle (the Jury conditions for a second-order denominator).</summary>
    public bool IsStable => Math.Abs(A2) < 1.0 && Math.Abs(A1) < 1.0 + A2;

    /// <summary>The complex frequency response at <paramref name="frequency"/> Hz.</summary>
    public Complex ResponseAt(double frequency, double sampleRate)
    {
        var w = 2.0 * Math.PI * frequency / sampleRate;
        var z1 = Complex.FromPolarCoordinates(1.0, -w);
        var z2 = z1 * z1;
        return (B0 + (B1 * z1) + (B2 * z2)) / (1.0 + (A1 * z1) + (A2 * z2));
    }

    /// <summary>The magnitude response in dB at <paramref name="frequency"/> Hz.</summary>
    public double MagnitudeDbAt(double frequency, double sampleRate) =>
        Decibels.FromAmplitude(ResponseAt(frequency, sampleRate).Magnitude);

    /// <summary>The cascade of this section followed by <paramref name="next"/> as one fourth-order response.</summary>
    public Complex CascadeResponseAt(BiquadCoefficients next, double frequency, double sampleRate) =>
        ResponseAt(frequency, sampleRate) * next.ResponseAt(frequency, sampleRate);
}
