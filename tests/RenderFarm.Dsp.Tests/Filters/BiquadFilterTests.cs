using RenderFarm.Dsp.Filters;

namespace RenderFarm.Dsp.Tests.Filters;

/// <summary>The running filter against its designed response, its state across blocks, and no allocation while processing.</summary>
public sealed class BiquadFilterTests
{
    [Theory]
    [InlineData(100.0)]
    [InlineData(1000.0)]
    [InlineData(5000.0)]
    [InlineData(15000.0)]
    public void SteadyStateSine_GainEqualsDesignedMagnitude(double frequency)
    {
        const int rate = 48_000;
        var design = BiquadDesign.Peaking(rate, 3000, 0.9, 8.0);
        var measured = SineGainDb(new BiquadFilter(design), rate, frequency);
        Assert.Equal(design.MagnitudeDbAt(frequency, rate), measured, 0.01);
    }

    [Fact]
    public void LowCutAt20HzAt192kHz_StableAndAccurate()
    {
        // Low cut-offs at high rates put poles near z = 1: double-precision state keeps them accurate.
        const int rate = 192_000;
        var design = BiquadDesign.HighPass(rate, 20, Math.Sqrt(0.5));
        Assert.True(design.IsStable);
        Assert.Equal(design.MagnitudeDbAt(40, rate), SineGainDb(new BiquadFilter(design), rate, 40, seconds: 4), 0.01);
    }

    [Fact]
    public void BlockSizes_DoNotChangeTheOutput()
    {
        var design = BiquadDesign.LowShelf(44_100, 200, 0.7, 5);
        var one = Run(new BiquadFilter(design), 44_100, 1);
        var odd = Run(new BiquadFilter(design), 44_100, 777);
        Assert.Equal(one, odd);
    }

    [Fact]
    public void ThreeChannels_EachEqualsTheSameFilterOnItsOwn()
    {
        // Channels are filtered two at a time, the odd one alone: every path must agree exactly.
        var design = BiquadDesign.HighShelf(48_000, 3000, 0.8, -4);
        var random = new Random(2);
        var buffer = new AudioBuffer(3, 5000);
        for (var c = 0; c < 3; c++)
        {
            for (var i = 0; i < 5000; i++)
            {
                buffer.Channel(c)[i] = (float)(random.NextDouble() - 0.5);
            }
        }

        var alone = Enumerable.Range(0, 3).Select(c => (float[])buffer.Channel(c).Clone()).ToArray();
        var together = new BiquadFilter(design);
        together.Prepare(new AudioSpec(48_000, 3, 5000));
        together.Process(buffer.AsBlock());
        for (var c = 0; c < 3; c++)
        {
            var single = new BiquadFilter(design);
            single.Prepare(new AudioSpec(48_000, 1, 5000));
            single.Process(new AudioBlock([alone[c]], 5000));
            Assert.Equal(alone[c], buffer.Channel(c));
        }
    }

    [Fact]
    public void Process_AllocatesNothing()
    {
        var filter = new BiquadFilter(BiquadDesign.Peaking(48_000, 1000, 1, 3));
        filter.Prepare(new AudioSpec(48_000, 8, 4096));
        var buffer = new AudioBuffer(8, 4096);
        filter.Process(buffer.AsBlock());
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
        {
            filter.Process(buffer.AsBlock());
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void UnstableCoefficients_Refused()
    {
        var e = Assert.Throws<ArgumentException>(() => new BiquadFilter(new BiquadCoefficients(1, 0, 0, -2.5, 1.2)));
        Assert.Contains("not finite and stable", e.Message, StringComparison.Ordinal);
    }

    internal static double SineGainDb(IAudioProcessor processor, int rate, double frequency, double seconds = 1.0)
    {
        processor.Prepare(new AudioSpec(rate, 1, 4096));
        var frames = (int)(rate * seconds);
        var input = new float[frames];
        for (var i = 0; i < frames; i++)
        {
            input[i] = (float)(0.5 * Math.Sin(2 * Math.PI * frequency * i / rate));
        }

        var output = (float[])input.Clone();
        for (var done = 0; done < frames; done += 4096)
        {
            processor.Process(new AudioBlock([output], 1, done, Math.Min(4096, frames - done)));
        }

        // RMS over the second half, after the transient.
        var half = frames / 2;
        var rmsIn = Math.Sqrt(input[half..].Sum(x => (double)x * x) / (frames - half));
        var rmsOut = Math.Sqrt(output[half..].Sum(x => (double)x * x) / (frames - half));
        return Decibels.FromAmplitude(rmsOut / rmsIn);
    }

    private static float[] Run(BiquadFilter filter, int rate, int block)
    {
        filter.Prepare(new AudioSpec(rate, 1, Math.Max(block, 1)));
        var signal = new float[10_000];
        var random = new Random(5);
        for (var i = 0; i < signal.Length; i++)
        {
            signal[i] = (float)(random.NextDouble() - 0.5);
        }

        for (var done = 0; done < signal.Length; done += block)
        {
            filter.Process(new AudioBlock([signal], 1, done, Math.Min(block, signal.Length - done)));
        }

        return signal;
    }
}
