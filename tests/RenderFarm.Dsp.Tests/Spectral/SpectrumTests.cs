using System.Numerics;
using RenderFarm.Dsp.Spectral;

namespace RenderFarm.Dsp.Tests.Spectral;

/// <summary>The FFT against the DFT's definition, and the long-term spectrum against what a sine and white noise must read.</summary>
public sealed class SpectrumTests
{
    private const int Rate = 48_000;

    [Theory]
    [InlineData(8)]
    [InlineData(1024)]
    public void Fft_MatchesTheDftDefinition(int size)
    {
        var random = new Random(size);
        var re = Enumerable.Range(0, size).Select(_ => random.NextDouble() - 0.5).ToArray();
        var im = Enumerable.Range(0, size).Select(_ => random.NextDouble() - 0.5).ToArray();
        var expected = new Complex[size];
        for (var k = 0; k < size; k++)
        {
            for (var n = 0; n < size; n++)
            {
                expected[k] += new Complex(re[n], im[n]) * Complex.FromPolarCoordinates(1, -2 * Math.PI * k * n / size);
            }
        }

        new Fft(size).Forward(re, im);
        for (var k = 0; k < size; k++)
        {
            Assert.Equal(expected[k].Real, re[k], 1e-9);
            Assert.Equal(expected[k].Imaginary, im[k], 1e-9);
        }
    }

    // Single precision: within a few parts in a million of the double-precision transform's largest bin.
    [Theory]
    [InlineData(8)]
    [InlineData(16)]
    [InlineData(2048)]
    [InlineData(8192)]
    public void SplitRealFft_MatchesTheDoubleTransform_AndItsInverseGivesTheInputBack(int size)
    {
        var random = new Random(size);
        var input = Enumerable.Range(0, size).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray();
        var (re, im) = (new double[(size / 2) + 1], new double[(size / 2) + 1]);
        new RealFft(size).Forward(input.Select(v => (double)v).ToArray(), re, im);
        var fft = new SplitRealFft(size);
        var (fr, fi) = (new float[fft.Bins], new float[fft.Bins]);

        fft.Forward(input, fr, fi);
        var back = new float[size];
        fft.Inverse(fr, fi, back);

        var largest = re.Zip(im, (r, i) => Math.Sqrt((r * r) + (i * i))).Max();
        for (var k = 0; k <= size / 2; k++)
        {
            Assert.Equal(re[k], fr[k], 5e-6 * largest);
            Assert.Equal(im[k], fi[k], 5e-6 * largest);
        }

        Assert.All(Enumerable.Range(0, size), n => Assert.Equal(input[n], back[n], 1e-6));
    }

    [Theory]
    [InlineData(8)]
    [InlineData(4096)]
    public void RealFft_MatchesTheComplexFftOfTheSameSignal(int size)
    {
        var random = new Random(size);
        var x = Enumerable.Range(0, size).Select(_ => random.NextDouble() - 0.5).ToArray();
        var re = (double[])x.Clone();
        var im = new double[size];
        new Fft(size).Forward(re, im);
        var realRe = new double[(size / 2) + 1];
        var realIm = new double[(size / 2) + 1];
        new RealFft(size).Forward(x, realRe, realIm);
        for (var k = 0; k <= size / 2; k++)
        {
            Assert.Equal(re[k], realRe[k], 1e-9);
            Assert.Equal(im[k], realIm[k], 1e-9);
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    [InlineData(1000)]
    public void Fft_RefusesSizesThatAreNotPowersOfTwo(int size) =>
        Assert.Contains("powers of two", Assert.Throws<ArgumentOutOfRangeException>(() => new Fft(size)).Message, StringComparison.Ordinal);

    [Theory]
    [InlineData(1000.0)]
    [InlineData(63.0)]
    [InlineData(10_000.0)]
    public void FullScaleSine_ReadsZeroDbInItsBand_AndNothingFarAway(double frequency)
    {
        var spectrum = Measure(2, 10, i => (float)Math.Sin(2 * Math.PI * frequency * i / Rate));
        var levels = spectrum.LevelsDb()!;
        var band = Nearest(spectrum, frequency);
        // A sine between two band centres spreads over both: their energy sums to full scale.
        var total = 10 * Math.Log10(Enumerable.Range(band - 1, 3).Sum(b => Math.Pow(10, levels[b] / 10)));
        Assert.Equal(0.0, total, 0.1);
        Assert.All(Enumerable.Range(0, levels.Length).Where(b => Math.Abs(b - band) >= 12), b => Assert.True(levels[b] < -60, $"band {spectrum.CentresHz[b]:0} Hz read {levels[b]:0.0} dB"));
    }

    [Fact]
    public void WhiteNoise_Rises3DbPerOctave_AndMonoSumsTheChannels()
    {
        var random = new Random(7);
        var spectrum = Measure(2, 30, _ => (float)((random.NextDouble() * 2) - 1));
        var levels = spectrum.LevelsDb()!;

        // Per-band energy of white noise doubles with each octave: +3.01 dB per octave, 9.03 dB from 1 kHz to 8 kHz.
        var rise = levels[Nearest(spectrum, 8000)] - levels[Nearest(spectrum, 1000)];
        Assert.Equal(9.03, rise, 0.5);

        // The mid signal of two independent noises is 3 dB under either: total power 1/3 / 2 of full-scale.
        var total = 10 * Math.Log10(levels.Sum(l => Math.Pow(10, l / 10)));
        Assert.Equal(10 * Math.Log10((1.0 / 3) / 2 * 2 * (20_000.0 - 20) / (Rate / 2.0)), total, 0.5);
    }

    [Fact]
    public void ShorterThanOneFrame_HasNoSpectrum()
    {
        var spectrum = new LongTermSpectrum();
        spectrum.Prepare(new AudioSpec(Rate, 1, 1024));
        spectrum.Add(new AudioBlock([new float[1024]], 1024));
        Assert.Null(spectrum.LevelsDb());
    }

    private static LongTermSpectrum Measure(int channels, int seconds, Func<long, float> sample)
    {
        var spectrum = new LongTermSpectrum();
        spectrum.Prepare(new AudioSpec(Rate, channels, 4096));
        var block = new float[channels][];
        for (var c = 0; c < channels; c++)
        {
            block[c] = new float[4096];
        }

        var i = 0L;
        for (var done = 0; done < seconds * Rate; done += 4096)
        {
            for (var n = 0; n < 4096; n++, i++)
            {
                for (var c = 0; c < channels; c++)
                {
                    block[c][n] = sample(i);
                }
            }

            spectrum.Add(new AudioBlock(block, 4096));
        }

        return spectrum;
    }

    private static int Nearest(LongTermSpectrum spectrum, double hz) =>
        Enumerable.Range(0, spectrum.CentresHz.Count).MinBy(b => Math.Abs(Math.Log(spectrum.CentresHz[b] / hz)));
}
