using RenderFarm.Dsp.Filters;

namespace RenderFarm.Dsp.Metering;

/// <summary>
/// The BS.1770 K-weighting pre-filter (a high shelf modelling the head, then the RLB high-pass), computed
/// from its analogue parameters for any sample rate. At 48 kHz it reproduces the table in BS.1770.
/// </summary>
public static class KWeighting
{
    private const double ShelfFrequency = 1681.974450955533;
    private const double ShelfGainDb = 3.999843853973347;
    private const double ShelfQ = 0.7071752369554196;
    private const double HighPassFrequency = 38.13547087602444;
    private const double HighPassQ = 0.5003270373238773;

    // The shelf's mid-band gain Vb = Vh^0.4996667741545416 puts the half-gain point where BS.1770's table has it.
    private const double ShelfMidExponent = 0.4996667741545416;

    /// <summary>Stage 1: the high shelf (+4 dB above about 2 kHz).</summary>
    public static BiquadCoefficients Shelf(double sampleRate)
    {
        var k = Math.Tan(Math.PI * ShelfFrequency / sampleRate);
        var vh = Math.Pow(10.0, ShelfGainDb / 20.0);
        var vb = Math.Pow(vh, ShelfMidExponent);
        var a0 = 1.0 + (k / ShelfQ) + (k * k);
        return new BiquadCoefficients(
            (vh + (vb * k / ShelfQ) + (k * k)) / a0,
            2.0 * ((k * k) - vh) / a0,
            (vh - (vb * k / ShelfQ) + (k * k)) / a0,
            2.0 * ((k * k) - 1.0) / a0,
            (1.0 - (k / ShelfQ) + (k * k)) / a0);
    }

    /// <summary>Stage 2: the revised low-frequency B-curve high-pass (numerator 1, -2, 1).</summary>
    public static BiquadCoefficients HighPass(double sampleRate)
    {
        var k = Math.Tan(Math.PI * HighPassFrequency / sampleRate);
        var a0 = 1.0 + (k / HighPassQ) + (k * k);
        return new BiquadCoefficients(1.0, -2.0, 1.0, 2.0 * ((k * k) - 1.0) / a0, (1.0 - (k / HighPassQ) + (k * k)) / a0);
    }
}
