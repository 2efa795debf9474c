using RenderFarm.Dsp.Stereo;
using RenderFarm.Testing;

namespace RenderFarm.Dsp.Tests.Stereo;

/// <summary>Width, bass made mono, and the correlation and mono fold-down measurements.</summary>
public sealed class StereoTests
{
    private const int Rate = 48_000;

    [Fact]
    public void WidthZero_MakesMono()
    {
        var x = TwoSines(Rate, 440, 660);
        Process(new StereoWidthSettings { Width = 0 }, x);
        Assert.Equal(x[0], x[1]);
    }

    [Fact]
    public void WidthOne_LeavesTheSignal()
    {
        var x = TwoSines(Rate, 440, 660);
        var original = x.Select(c => (float[])c.Clone()).ToArray();
        Process(new StereoWidthSettings { Width = 1 }, x);
        for (var i = 0; i < x[0].Length; i++)
        {
            Assert.Equal(original[0][i], x[0][i], 1e-6f);
            Assert.Equal(original[1][i], x[1][i], 1e-6f);
        }
    }

    [Fact]
    public void MonoBelow120Hz_SideRemovedBelowKeptAbove()
    {
        // Side-only content (left = -right) at 40 Hz and 2 kHz.
        var x = new[] { new float[Rate * 2], new float[Rate * 2] };
        for (var i = 0; i < x[0].Length; i++)
        {
            var v = (float)((0.3 * Math.Sin(2 * Math.PI * 40 * i / Rate)) + (0.3 * Math.Sin(2 * Math.PI * 2000 * i / Rate)));
            x[0][i] = v;
            x[1][i] = -v;
        }

        Process(new StereoWidthSettings { Width = 1, MonoBelowHz = 120 }, x);
        var tail = x[0].AsSpan(Rate);
        Assert.True(Decibels.FromAmplitude(SignalAnalysis.FitSine(tail, 40, Rate, Rate).Amplitude / 0.3) < -30);
        Assert.Equal(0.0, Decibels.FromAmplitude(SignalAnalysis.FitSine(tail, 2000, Rate, Rate).Amplitude / 0.3), 0.05);
    }

    [Fact]
    public void Meter_IdenticalChannels_CorrelationOneNoMonoLoss()
    {
        var x = TwoSines(Rate * 3, 440, 440);
        var report = Measure(x);
        Assert.Equal(1.0, report.Correlation, 1e-6);
        Assert.Equal(0.0, report.MonoLossDb, 0.01);
    }

    [Fact]
    public void Meter_UncorrelatedNoise_NearZeroAndThreeDbLost()
    {
        var random = new Random(3);
        var x = new[] { new float[Rate * 5], new float[Rate * 5] };
        for (var i = 0; i < x[0].Length; i++)
        {
            x[0][i] = (float)((random.NextDouble() - 0.5) * 0.5);
            x[1][i] = (float)((random.NextDouble() - 0.5) * 0.5);
        }

        var report = Measure(x);
        Assert.Equal(0.0, report.Correlation, 0.01);
        Assert.Equal(3.01, report.MonoLossDb, 0.1);
    }

    [Fact]
    public void Meter_InvertedChannel_CorrelationMinusOneAndTheWorstWindowFound()
    {
        var x = TwoSines(Rate * 6, 440, 440);
        for (var i = 2 * Rate; i < 3 * Rate; i++)
        {
            x[1][i] = -x[1][i];
        }

        var report = Measure(x);
        Assert.Equal(-1.0, report.MinimumWindowCorrelation, 1e-6);
        Assert.Equal(2.0, report.MinimumWindowTimeSeconds, 1e-9);
        Assert.True(report.Correlation > 0.5);
    }

    private static void Process(StereoWidthSettings settings, float[][] x)
    {
        var width = new StereoWidth(settings);
        width.Prepare(new AudioSpec(Rate, 2, 4096));
        for (var done = 0; done < x[0].Length; done += 4096)
        {
            width.Process(new AudioBlock(x, 2, done, Math.Min(4096, x[0].Length - done)));
        }
    }

    private static StereoReport Measure(float[][] x)
    {
        var meter = new StereoMeter();
        meter.Prepare(new AudioSpec(Rate, 2, 4096));
        var loudness = new RenderFarm.Dsp.Metering.LoudnessMeter(new RenderFarm.Dsp.Metering.LoudnessMeterOptions { MonoFoldDown = true });
        loudness.Prepare(new AudioSpec(Rate, 2, 4096));
        for (var done = 0; done < x[0].Length; done += 4096)
        {
            meter.Add(new AudioBlock(x, 2, done, Math.Min(4096, x[0].Length - done)));
            loudness.Add(new AudioBlock(x, 2, done, Math.Min(4096, x[0].Length - done)));
        }

        return meter.GetReport(loudness.GetReport());
    }

    private static float[][] TwoSines(int frames, double left, double right)
    {
        var x = new[] { new float[frames], new float[frames] };
        for (var i = 0; i < frames; i++)
        {
            x[0][i] = (float)(0.4 * Math.Sin(2 * Math.PI * left * i / Rate));
            x[1][i] = (float)(0.4 * Math.Sin(2 * Math.PI * right * i / Rate));
        }

        return x;
    }
}
