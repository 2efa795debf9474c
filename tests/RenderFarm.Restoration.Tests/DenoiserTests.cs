using RenderFarm.Restoration.Denoise;
using RenderFarm.Testing;

namespace RenderFarm.Restoration.Tests;

/// <summary>The de-noiser's overlap-add: with nothing to take away (a profile of zeros), the input comes back, latency taken out.</summary>
public sealed class DenoiserTests
{
    [Fact]
    public void WithoutNoise_TheInputComesBack()
    {
        const int rate = 48000;
        var random = new Random(3);
        var input = new[] { Enumerable.Range(0, rate).Select(i => (float)((0.5 * Math.Sin(i * 0.01)) + (0.1 * random.NextDouble()))).ToArray() };
        var profile = new NoiseProfile { SampleRate = rate, FftSize = ShortTimeSpectrum.SizeFor(rate), Power = [new float[(ShortTimeSpectrum.SizeFor(rate) / 2) + 1]], Source = "range", Passages = [], FloorDbfs = -200, Steady = true };

        var output = Offline.Run(new Denoiser(profile, new DenoiseSettings()), input, rate);

        var sdr = Faults.Sdr(input, output, 4096, rate - 8192);
        Assert.True(sdr > 80, $"{sdr:0.0} dB");
    }
}
