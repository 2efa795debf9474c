using RenderFarm.Dsp.Dither;
using RenderFarm.Testing;

namespace RenderFarm.Dsp.Tests.Dither;

/// <summary>TPDF statistics, exact grid output, determinism, noise shaping's tilt.</summary>
public sealed class DitherTests
{
    private const double Lsb16 = 1.0 / 32768;

    [Fact]
    public void Silence_TpdfGivesMinusOneZeroOneLsbInTheRightProportions()
    {
        var x = Run(new float[1_000_000], 16);
        var zero = x.Count(v => v == 0) / (double)x.Length;
        var plus = x.Count(v => Math.Abs(v - Lsb16) < 1e-12) / (double)x.Length;
        var minus = x.Count(v => Math.Abs(v + Lsb16) < 1e-12) / (double)x.Length;
        // round(u1 + u2 - 1): 0 with probability 3/4, +-1 with 1/8 each, nothing else.
        Assert.Equal(0.75, zero, 0.003);
        Assert.Equal(0.125, plus, 0.002);
        Assert.Equal(0.125, minus, 0.002);
        Assert.Equal(1.0, zero + plus + minus, 1e-12);
    }

    [Fact]
    public void Signal_ErrorIsQuarterLsbSquaredAndUncorrelated()
    {
        var input = new float[500_000];
        for (var i = 0; i < input.Length; i++)
        {
            input[i] = (float)(0.01 * Math.Sin(i * 0.0123));
        }

        var output = Run((float[])input.Clone(), 16);
        double mean = 0, power = 0, cross = 0, signal = 0;
        for (var i = 0; i < input.Length; i++)
        {
            var e = (output[i] - (double)input[i]) / Lsb16;
            mean += e;
            power += e * e;
            cross += e * input[i];
            signal += (double)input[i] * input[i];
        }

        Assert.Equal(0.0, mean / input.Length, 0.01);
        // TPDF (1/6) plus rounding (1/12) = 1/4 LSB^2.
        Assert.Equal(0.25, power / input.Length, 0.01);
        Assert.Equal(0.0, cross / Math.Sqrt(power * signal), 0.01);
    }

    [Fact]
    public void VeryQuietSine_DitheredHasNoHarmonicsUndithered_Does()
    {
        // A sine of 1.5 LSB: plain rounding makes it a staircase rich in odd harmonics; dither leaves noise.
        const int rate = 44_100;
        var input = new float[rate * 4];
        for (var i = 0; i < input.Length; i++)
        {
            input[i] = (float)(1.5 * Lsb16 * Math.Sin(2 * Math.PI * 1000 * i / rate));
        }

        var dithered = Run((float[])input.Clone(), 16);
        var rounded = input.Select(v => (float)(Math.Round(v / Lsb16) * Lsb16)).ToArray();
        var thirdRounded = SignalAnalysis.FitSine(rounded, 3000, rate).Amplitude / Lsb16;
        var thirdDithered = SignalAnalysis.FitSine(dithered, 3000, rate).Amplitude / Lsb16;
        Assert.True(thirdRounded > 0.1, $"plain rounding third harmonic {thirdRounded:0.000} LSB");
        Assert.True(thirdDithered < 0.01, $"dithered third harmonic {thirdDithered:0.000} LSB");
        Assert.Equal(1.5, SignalAnalysis.FitSine(dithered, 1000, rate).Amplitude / Lsb16, 0.02);
    }

    [Fact]
    public void Output_OnTheGridAndDeterministic()
    {
        var random = new Random(4);
        var input = Enumerable.Range(0, 10_000).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray();
        var a = Run((float[])input.Clone(), 16);
        var b = Run((float[])input.Clone(), 16);
        Assert.Equal(a, b);
        Assert.All(a, v => Assert.Equal(Math.Round(v / Lsb16), v / Lsb16));
        var c = Run((float[])input.Clone(), 24);
        Assert.All(c, v => Assert.Equal(Math.Round(v * 8388608.0), v * 8388608.0));
    }

    [Theory]
    [InlineData(NoiseShaping.None)]
    [InlineData(NoiseShaping.FWeighted)]
    public void BlockSizes_DoNotChangeTheOutput(NoiseShaping shaping)
    {
        var random = new Random(8);
        var input = Enumerable.Range(0, 20_000).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray();
        var whole = Run((float[])input.Clone(), 16, shaping, 44_100);
        var pieces = (float[])input.Clone();
        var ditherer = new Ditherer(16, shaping);
        ditherer.Prepare(new AudioSpec(44_100, 1, 8192));
        for (var done = 0; done < pieces.Length; done += 333)
        {
            ditherer.Process(new AudioBlock([pieces], 1, done, Math.Min(333, pieces.Length - done)));
        }

        Assert.Equal(whole, pieces);
    }

    [Fact]
    public void NoiseShaping_LessNoiseAt3kHzMoreNearNyquist()
    {
        const int rate = 44_100;
        var flat = Run(new float[rate * 4], 16, NoiseShaping.None, rate);
        var shaped = Run(new float[rate * 4], 16, NoiseShaping.FWeighted, rate);
        static double Band(float[] x, double f) => Enumerable.Range(-5, 11).Average(k => SignalAnalysis.FitSine(x, f + (k * 7.0), rate).Amplitude);
        Assert.True(Band(shaped, 3000) < Band(flat, 3000) / 2, "shaped noise at 3 kHz");
        Assert.True(Band(shaped, 20_000) > Band(flat, 20_000) * 2, "shaped noise at 20 kHz");
    }

    [Fact]
    public void NoiseShapingAt96kHz_Refused()
    {
        var e = Assert.Throws<ArgumentException>(() => new Ditherer(16, NoiseShaping.FWeighted).Prepare(new AudioSpec(96_000, 2, 64)));
        Assert.Contains("44.1 and 48 kHz", e.Message, StringComparison.Ordinal);
    }

    private static float[] Run(float[] x, int bits, NoiseShaping shaping = NoiseShaping.None, int rate = 48_000)
    {
        var ditherer = new Ditherer(bits, shaping);
        ditherer.Prepare(new AudioSpec(rate, 1, 8192));
        for (var done = 0; done < x.Length; done += 8192)
        {
            ditherer.Process(new AudioBlock([x], 1, done, Math.Min(8192, x.Length - done)));
        }

        return x;
    }
}
