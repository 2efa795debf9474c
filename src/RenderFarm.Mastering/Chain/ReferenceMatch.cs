using RenderFarm.Dsp.Filters;

namespace RenderFarm.Mastering.Chain;

/// <summary>
/// Matching a mix's tonal balance to a reference recording's: the difference of their long-term spectra
/// (1/6-octave bands) with the overall level taken out, smoothed over about two thirds of an octave, held
/// flat below 40 Hz and above 16 kHz, limited to ±<see cref="MaxCorrectionDb"/> and scaled by the amount;
/// then realised as peaking filters half an octave apart from 31.25 Hz (Q 2, minimum phase, no latency)
/// whose gains are fitted to it.
/// </summary>
public static class ReferenceMatch
{
    public const double MaxCorrectionDb = 8.0;
    public const double LowestHz = 40.0;
    public const double HighestHz = 16_000.0;

    private const double FilterQ = 2.0;
    private const int Filters = 19;
    private const int FitIterations = 24;

    /// <summary>The correction, in dB per band of <paramref name="centresHz"/>, that moves <paramref name="mix"/>'s spectrum <paramref name="amount"/> (0 to 1) of the way to <paramref name="reference"/>'s.</summary>
    public static double[] Curve(IReadOnlyList<double> centresHz, IReadOnlyList<double> mix, IReadOnlyList<double> reference, double amount)
    {
        ArgumentNullException.ThrowIfNull(centresHz);
        ArgumentNullException.ThrowIfNull(mix);
        ArgumentNullException.ThrowIfNull(reference);
        var n = Math.Min(centresHz.Count, Math.Min(mix.Count, reference.Count));
        var difference = new double[n];
        for (var b = 0; b < n; b++)
        {
            difference[b] = double.IsFinite(mix[b]) && double.IsFinite(reference[b]) ? reference[b] - mix[b] : double.NaN;
        }

        // Hold the ends: no boost of sub-bass rumble or of air a reference may have and the mix lacks.
        var first = Enumerable.Range(0, n).FirstOrDefault(b => centresHz[b] >= LowestHz && double.IsFinite(difference[b]), -1);
        var last = Enumerable.Range(0, n).LastOrDefault(b => centresHz[b] <= HighestHz && double.IsFinite(difference[b]), -1);
        if (first < 0 || last < first)
        {
            return new double[n];
        }

        for (var b = 0; b < n; b++)
        {
            if (b < first)
            {
                difference[b] = difference[first];
            }
            else if (b > last)
            {
                difference[b] = difference[last];
            }
            else if (!double.IsFinite(difference[b]))
            {
                difference[b] = difference[b - 1];
            }
        }

        // About two thirds of an octave of smoothing: two passes of a 5-band moving average.
        var smooth = Smooth(Smooth(difference, 2), 2);
        var mean = smooth.Skip(first).Take(last - first + 1).Average();
        return smooth.Select(v => Math.Clamp(v - mean, -MaxCorrectionDb, MaxCorrectionDb) * amount).ToArray();
    }

    /// <summary>Peaking filters half an octave apart from 31.25 Hz whose cascade follows <paramref name="curveDb"/> (on <paramref name="centresHz"/>) at their centres.</summary>
    public static EqBand[] Fit(IReadOnlyList<double> centresHz, IReadOnlyList<double> curveDb, double sampleRate)
    {
        ArgumentNullException.ThrowIfNull(centresHz);
        ArgumentNullException.ThrowIfNull(curveDb);
        var frequencies = Enumerable.Range(0, Filters).Select(j => 31.25 * Math.Pow(2, j / 2.0)).Where(f => f < 0.45 * sampleRate).ToArray();
        var wanted = frequencies.Select(f => Interpolate(centresHz, curveDb, f)).ToArray();
        var gains = (double[])wanted.Clone();
        for (var iteration = 0; iteration < FitIterations; iteration++)
        {
            var bands = Bands(frequencies, gains);
            for (var j = 0; j < frequencies.Length; j++)
            {
                var error = wanted[j] - ParametricEq.MagnitudeDbAt(bands, frequencies[j], sampleRate);
                gains[j] = Math.Clamp(gains[j] + (0.6 * error), -2 * MaxCorrectionDb, 2 * MaxCorrectionDb);
            }
        }

        return Bands(frequencies, gains).Where(b => Math.Abs(b.GainDb) >= 0.01).ToArray();
    }

    /// <summary>
    /// How far apart two long-term spectra are in tonal balance: both smoothed as the correction is (about
    /// two thirds of an octave, so single notes and harmonics do not count), then the RMS, over the bands from
    /// 40 Hz to 16 kHz, of their difference with its mean removed, in dB (0: the same balance at any level).
    /// </summary>
    public static double Distance(IReadOnlyList<double> centresHz, IReadOnlyList<double> a, IReadOnlyList<double> b)
    {
        ArgumentNullException.ThrowIfNull(centresHz);
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var n = Math.Min(centresHz.Count, Math.Min(a.Count, b.Count));
        var bands = Enumerable.Range(0, n).Where(k => centresHz[k] >= LowestHz && centresHz[k] <= HighestHz && double.IsFinite(a[k]) && double.IsFinite(b[k])).ToArray();
        if (bands.Length == 0)
        {
            return double.NaN;
        }

        var sa = Smooth(Smooth(bands.Select(k => a[k]).ToArray(), 2), 2);
        var sb = Smooth(Smooth(bands.Select(k => b[k]).ToArray(), 2), 2);
        var differences = sa.Select((v, i) => v - sb[i]).ToArray();
        var mean = differences.Average();
        return Math.Sqrt(differences.Average(d => (d - mean) * (d - mean)));
    }

    private static EqBand[] Bands(double[] frequencies, double[] gains) =>
        frequencies.Select((f, j) => new EqBand(BiquadKind.Peaking, f, FilterQ, gains[j])).ToArray();

    private static double[] Smooth(double[] values, int half)
    {
        var result = new double[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            var from = Math.Max(0, i - half);
            var to = Math.Min(values.Length - 1, i + half);
            var sum = 0.0;
            for (var k = from; k <= to; k++)
            {
                sum += values[k];
            }

            result[i] = sum / (to - from + 1);
        }

        return result;
    }

    // Linear in log frequency between the two band centres around f.
    private static double Interpolate(IReadOnlyList<double> centresHz, IReadOnlyList<double> values, double f)
    {
        var n = Math.Min(centresHz.Count, values.Count);
        if (n == 0)
        {
            return 0;
        }

        if (f <= centresHz[0])
        {
            return values[0];
        }

        for (var k = 1; k < n; k++)
        {
            if (f <= centresHz[k])
            {
                var t = Math.Log(f / centresHz[k - 1]) / Math.Log(centresHz[k] / centresHz[k - 1]);
                return values[k - 1] + (t * (values[k] - values[k - 1]));
            }
        }

        return values[n - 1];
    }
}
