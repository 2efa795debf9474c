using RenderFarm.Dsp.Resampling;
using RenderFarm.Testing;

namespace RenderFarm.Dsp.Tests.Resampling;

/// <summary>
/// Passband flat within 0.01 dB to 0.9 of the lower Nyquist frequency; whatever would alias or image is
/// at least 120 dB down; length and timing exact.
/// </summary>
public sealed class ResamplerTests
{
    public static TheoryData<int, int> Pairs => new()
    {
        { 48_000, 44_100 },
        { 44_100, 48_000 },
        { 96_000, 44_100 },
        { 44_100, 96_000 },
        { 48_000, 96_000 },
        { 192_000, 48_000 },
    };

    [Theory]
    [MemberData(nameof(Pairs))]
    public void Passband_FlatWithin0Point01DbTo0Point9Nyquist(int from, int to)
    {
        var nyquist = Math.Min(from, to) / 2.0;
        foreach (var f in new[] { 20.0, 1000.0, 0.5 * nyquist, 0.8 * nyquist, 0.9 * nyquist })
        {
            var output = Convert(from, to, f, 0.5, seconds: 0.5, out var skip);
            var fit = SignalAnalysis.FitSine(output.AsSpan(skip, output.Length - (2 * skip)), f, to, skip);
            Assert.True(Math.Abs(Decibels.FromAmplitude(fit.Amplitude / 0.5)) <= 0.01, $"{f:0} Hz: {Decibels.FromAmplitude(fit.Amplitude / 0.5):0.0000} dB");
            // Timing: the output sine has the input's phase (sin with no offset at time 0).
            Assert.Equal(0.0, fit.Phase, 1e-4);
            // Everything else (noise, aliases, images) at least 120 dB below the tone.
            Assert.True(Decibels.FromAmplitude(fit.ResidualRms / 0.5) < -120, $"{f:0} Hz residual {Decibels.FromAmplitude(fit.ResidualRms / 0.5):0.0} dB");
        }
    }

    [Theory]
    [InlineData(48_000, 44_100, 22_100.0)]
    [InlineData(48_000, 44_100, 23_500.0)]
    [InlineData(96_000, 44_100, 30_000.0)]
    [InlineData(96_000, 44_100, 47_000.0)]
    [InlineData(192_000, 48_000, 24_050.0)]
    public void AboveOutputNyquist_RejectedBy120Db(int from, int to, double frequency)
    {
        var output = Convert(from, to, frequency, 1.0, seconds: 0.5, out var skip);
        var rms = SignalAnalysis.Rms(output.AsSpan(skip, output.Length - (2 * skip)));
        Assert.True(Decibels.FromAmplitude(rms * Math.Sqrt(2)) < -120, $"{frequency} Hz left {Decibels.FromAmplitude(rms * Math.Sqrt(2)):0.0} dB");
    }

    [Theory]
    [InlineData(44_100, 48_000, 20_000.0)]
    [InlineData(44_100, 96_000, 19_000.0)]
    public void Upsampling_ImagesRejectedBy120Db(int from, int to, double frequency)
    {
        var output = Convert(from, to, frequency, 1.0, seconds: 0.5, out var skip);
        var fit = SignalAnalysis.FitSine(output.AsSpan(skip, output.Length - (2 * skip)), frequency, to, skip);
        Assert.True(Decibels.FromAmplitude(fit.ResidualRms * Math.Sqrt(2)) < -120, $"image at {Decibels.FromAmplitude(fit.ResidualRms * Math.Sqrt(2)):0.0} dB");
    }

    [Theory]
    [InlineData(48_000, 44_100, 100_000)]
    [InlineData(44_100, 48_000, 12_345)]
    public void OutputLength_CeilOfInputTimesRatio(int from, int to, int frames)
    {
        var resampler = new Resampler(from, to, 1, 1000);
        var input = new AudioBuffer(1, 1000);
        var output = new AudioBuffer(1, resampler.MaxOutputFrames(1000));
        long total = 0;
        for (var done = 0; done < frames; done += 1000)
        {
            total += resampler.Process(input.AsBlock(Math.Min(1000, frames - done)), output.AsBlock());
        }

        int n;
        while ((n = resampler.Flush(output.AsBlock())) > 0)
        {
            total += n;
        }

        Assert.Equal(((long)frames * to + from - 1) / from, total);
    }

    [Fact]
    public void UnrelatedRates_Refused()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new Resampler(44_100, 47_999, 2, 1024));
        Assert.Contains("phases", e.Message, StringComparison.Ordinal);
    }

    internal static float[] Convert(int from, int to, double frequency, double amplitude, double seconds, out int skip)
    {
        var frames = (int)(seconds * from);
        const int block = 4096;
        var resampler = new Resampler(from, to, 1, block);
        var input = new float[frames];
        for (var i = 0; i < frames; i++)
        {
            input[i] = (float)(amplitude * Math.Sin(2 * Math.PI * frequency * i / from));
        }

        var output = new List<float>();
        var buffer = new AudioBuffer(1, resampler.MaxOutputFrames(block));
        for (var done = 0; done < frames; done += block)
        {
            var n = resampler.Process(new AudioBlock([input], 1, done, Math.Min(block, frames - done)), buffer.AsBlock());
            output.AddRange(buffer.Channel(0).Take(n));
        }

        int m;
        while ((m = resampler.Flush(buffer.AsBlock())) > 0)
        {
            output.AddRange(buffer.Channel(0).Take(m));
        }

        // Skip the filter's edges (the tone starts and stops abruptly).
        skip = (int)((double)resampler.TapsPerPhase * to / from) + 16;
        return [.. output];
    }
}
