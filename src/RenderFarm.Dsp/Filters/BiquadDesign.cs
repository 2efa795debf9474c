namespace RenderFarm.Dsp.Filters;

/// <summary>
/// Designs second-order sections from analogue prototypes by the bilinear transform (R. Bristow-Johnson's
/// cookbook), for any sample rate, with every parameter checked against the range it accepts.
/// </summary>
public static class BiquadDesign
{
    public const double MinQ = 0.025;
    public const double MaxQ = 100.0;
    public const double MaxGainDb = 48.0;

    /// <summary>Designs a filter of the given kind; <paramref name="gainDb"/> is used by peaking and shelving kinds only.</summary>
    public static BiquadCoefficients Design(BiquadKind kind, double sampleRate, double frequency, double q, double gainDb = 0.0) => kind switch
    {
        BiquadKind.LowPass => LowPass(sampleRate, frequency, q),
        BiquadKind.HighPass => HighPass(sampleRate, frequency, q),
        BiquadKind.BandPass => BandPass(sampleRate, frequency, q),
        BiquadKind.Notch => Notch(sampleRate, frequency, q),
        BiquadKind.AllPass => AllPass(sampleRate, frequency, q),
        BiquadKind.Peaking => Peaking(sampleRate, frequency, q, gainDb),
        BiquadKind.LowShelf => LowShelf(sampleRate, frequency, q, gainDb),
        BiquadKind.HighShelf => HighShelf(sampleRate, frequency, q, gainDb),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "filter kind is not one of " + string.Join(", ", Enum.GetNames<BiquadKind>())),
    };

    public static BiquadCoefficients LowPass(double sampleRate, double frequency, double q)
    {
        var (cos, alpha) = Prototype(sampleRate, frequency, q);
        var b = (1.0 - cos) / 2.0;
        return Normalise(b, 1.0 - cos, b, 1.0 + alpha, -2.0 * cos, 1.0 - alpha);
    }

    public static BiquadCoefficients HighPass(double sampleRate, double frequency, double q)
    {
        var (cos, alpha) = Prototype(sampleRate, frequency, q);
        var b = (1.0 + cos) / 2.0;
        return Normalise(b, -(1.0 + cos), b, 1.0 + alpha, -2.0 * cos, 1.0 - alpha);
    }

    /// <summary>Band-pass with 0 dB gain at the centre frequency.</summary>
    public static BiquadCoefficients BandPass(double sampleRate, double frequency, double q)
    {
        var (cos, alpha) = Prototype(sampleRate, frequency, q);
        return Normalise(alpha, 0.0, -alpha, 1.0 + alpha, -2.0 * cos, 1.0 - alpha);
    }

    public static BiquadCoefficients Notch(double sampleRate, double frequency, double q)
    {
        var (cos, alpha) = Prototype(sampleRate, frequency, q);
        return Normalise(1.0, -2.0 * cos, 1.0, 1.0 + alpha, -2.0 * cos, 1.0 - alpha);
    }

    public static BiquadCoefficients AllPass(double sampleRate, double frequency, double q)
    {
        var (cos, alpha) = Prototype(sampleRate, frequency, q);
        return Normalise(1.0 - alpha, -2.0 * cos, 1.0 + alpha, 1.0 + alpha, -2.0 * cos, 1.0 - alpha);
    }

    public static BiquadCoefficients Peaking(double sampleRate, double frequency, double q, double gainDb)
    {
        var (cos, alpha) = Prototype(sampleRate, frequency, q);
        var a = ShelfAmplitude(gainDb);
        return Normalise(1.0 + (alpha * a), -2.0 * cos, 1.0 - (alpha * a), 1.0 + (alpha / a), -2.0 * cos, 1.0 - (alpha / a));
    }

    public static BiquadCoefficients LowShelf(double sampleRate, double frequency, double q, double gainDb)
    {
        var (cos, alpha) = Prototype(sampleRate, frequency, q);
        var a = ShelfAmplitude(gainDb);
        var s = 2.0 * Math.Sqrt(a) * alpha;
        return Normalise(
            a * ((a + 1.0) - ((a - 1.0) * cos) + s),
            2.0 * a * ((a - 1.0) - ((a + 1.0) * cos)),
            a * ((a + 1.0) - ((a - 1.0) * cos) - s),
            (a + 1.0) + ((a - 1.0) * cos) + s,
            -2.0 * ((a - 1.0) + ((a + 1.0) * cos)),
            (a + 1.0) + ((a - 1.0) * cos) - s);
    }

    public static BiquadCoefficients HighShelf(double sampleRate, double frequency, double q, double gainDb)
    {
        var (cos, alpha) = Prototype(sampleRate, frequency, q);
        var a = ShelfAmplitude(gainDb);
        var s = 2.0 * Math.Sqrt(a) * alpha;
        return Normalise(
            a * ((a + 1.0) + ((a - 1.0) * cos) + s),
            -2.0 * a * ((a - 1.0) + ((a + 1.0) * cos)),
            a * ((a + 1.0) + ((a - 1.0) * cos) - s),
            (a + 1.0) - ((a - 1.0) * cos) + s,
            2.0 * ((a - 1.0) - ((a + 1.0) * cos)),
            (a + 1.0) - ((a - 1.0) * cos) - s);
    }

    private static (double Cos, double Alpha) Prototype(double sampleRate, double frequency, double q)
    {
        Guard.Frequency(frequency, sampleRate, "frequency");
        Guard.InRange(q, MinQ, MaxQ, "Q", "");
        var w0 = 2.0 * Math.PI * frequency / sampleRate;
        return (Math.Cos(w0), Math.Sin(w0) / (2.0 * q));
    }

    private static double ShelfAmplitude(double gainDb)
    {
        Guard.InRange(gainDb, -MaxGainDb, MaxGainDb, "gain", "dB");
        return Math.Pow(10.0, gainDb / 40.0);
    }

    private static BiquadCoefficients Normalise(double b0, double b1, double b2, double a0, double a1, double a2) =>
        new(b0 / a0, b1 / a0, b2 / a0, a1 / a0, a2 / a0);
}
