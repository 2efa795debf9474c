using RenderFarm.Dsp.Processors;

namespace RenderFarm.Dsp.Tests.Processors;

/// <summary>Gain is exact once settled, ramps without steps when changed, and allocates nothing.</summary>
public sealed class GainProcessorTests
{
    [Fact]
    public void ConstantGain_ExactLinearFactor()
    {
        var gain = new GainProcessor(-6.0);
        gain.Prepare(new AudioSpec(48_000, 2, 64));
        var buffer = new AudioBuffer(2, 64);
        buffer.Channel(0).AsSpan().Fill(0.5f);
        buffer.Channel(1).AsSpan().Fill(-0.25f);
        gain.Process(buffer.AsBlock());
        var factor = (float)Decibels.ToAmplitude(-6.0);
        Assert.All(buffer.Channel(0), x => Assert.Equal(0.5f * factor, x));
        Assert.All(buffer.Channel(1), x => Assert.Equal(-0.25f * factor, x));
    }

    [Fact]
    public void GainChange_RampsLinearlyOverSmoothingTime_ThenExact()
    {
        const int rate = 48_000;
        var gain = new GainProcessor(0.0, smoothingMilliseconds: 10.0);
        gain.Prepare(new AudioSpec(rate, 1, 2048));
        var buffer = new AudioBuffer(1, 2048);
        gain.GainDb = -20.0;
        buffer.Channel(0).AsSpan().Fill(1.0f);
        gain.Process(buffer.AsBlock());
        var samples = buffer.Channel(0);
        var ramp = rate / 100;
        var step = (1.0 - 0.1) / ramp;
        for (var i = 1; i < ramp; i++)
        {
            Assert.Equal(step, samples[i - 1] - samples[i], 1e-6);
        }

        Assert.Equal(0.1f, samples[ramp - 1], 1e-6);
        Assert.All(samples[ramp..], x => Assert.Equal(0.1f, x, 1e-7));
    }

    [Fact]
    public void AbsurdGain_RefusedWithRange()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new GainProcessor(1e308));
        Assert.Contains("gain 1E+308 dB is out of range", e.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => new GainProcessor(double.NaN));
    }

    [Fact]
    public void Process_AllocatesNothing()
    {
        var gain = new GainProcessor(-3.0);
        gain.Prepare(new AudioSpec(48_000, 2, 1024));
        var buffer = new AudioBuffer(2, 1024);
        gain.Process(buffer.AsBlock());
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 50; i++)
        {
            gain.GainDb = -3.0 - i;
            gain.Process(buffer.AsBlock());
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
