using RenderFarm.Dsp.Metering;
using RenderFarm.Testing;

namespace RenderFarm.Dsp.Tests.Metering;

/// <summary>The meter's building blocks and behaviours beyond the EBU cases.</summary>
public sealed class LoudnessMeterTests
{
    [Fact]
    public void KWeightingAt48kHz_ReproducesTheBs1770Table()
    {
        var shelf = KWeighting.Shelf(48_000);
        Assert.Equal(1.53512485958697, shelf.B0, 1e-12);
        Assert.Equal(-2.69169618940638, shelf.B1, 1e-12);
        Assert.Equal(1.19839281085285, shelf.B2, 1e-12);
        Assert.Equal(-1.69065929318241, shelf.A1, 1e-12);
        Assert.Equal(0.73248077421585, shelf.A2, 1e-12);
        var highPass = KWeighting.HighPass(48_000);
        Assert.Equal((1.0, -2.0, 1.0), (highPass.B0, highPass.B1, highPass.B2));
        Assert.Equal(-1.99004745483398, highPass.A1, 1e-12);
        Assert.Equal(0.99007225036621, highPass.A2, 1e-12);
    }

    [Theory]
    [InlineData(8_000)]
    [InlineData(11_025)]
    [InlineData(22_050)]
    [InlineData(32_000)]
    [InlineData(88_200)]
    [InlineData(176_400)]
    [InlineData(352_800)]
    [InlineData(384_000)]
    public void AnySampleRate_Minus23DbfsSine_ReadsMinus23(int rate)
    {
        var (report, _) = EbuTech3341Tests.Measure(rate, 2, ToneSegment.Uniform(10, -23));
        Assert.Equal(-23.0, report.IntegratedLufs, 0.1);
        Assert.Equal(TruePeakDetector.OversamplingFor(rate), report.TruePeakOversampling);
    }

    [Theory]
    [InlineData(1, -26.01)]
    [InlineData(3, -21.24)]
    [InlineData(6, -18.36)]
    [InlineData(8, -16.65)]
    public void ChannelCounts_WeightedSum(int channels, double expected)
    {
        // A -23 dBFS 1 kHz sine reads -23 LUFS on a stereo pair; other layouts scale by their summed weights
        // (mono 1, 3.0 three, 5.1 3 + 2 x 1.41 with the LFE excluded, 7.1 3 + 4 x 1.41).
        var (report, _) = EbuTech3341Tests.Measure(48_000, channels, ToneSegment.Uniform(10, -23, channels));
        Assert.Equal(expected, report.IntegratedLufs, 0.1);
        Assert.Equal(-23.0 + Decibels.FromPower(ChannelLayout.Default(channels).Weights().Sum() / 2), report.IntegratedLufs, 0.1);
    }

    [Fact]
    public void SevenPointOne_LfeExcludedSurroundsWeighted()
    {
        var layout = ChannelLayout.FromWaveMask(0x63F, 8);
        Assert.Equal([1.0, 1.0, 1.0, 0.0, 1.41, 1.41, 1.41, 1.41], layout.Weights());
        Assert.Equal(ChannelRole.SideLeft, layout.Roles[6]);
    }

    [Fact]
    public void BlockSizes_DoNotChangeAnyFigure()
    {
        var program = new ToneProgram(44_100, 2, [ToneSegment.Uniform(4, -30), ToneSegment.Uniform(3.7, -12, 2, 3000, 30), ToneSegment.Uniform(5, -40, 2, 60)]);
        LoudnessReport Measure(int block)
        {
            var meter = new LoudnessMeter();
            meter.Prepare(new AudioSpec(44_100, 2, block));
            program.Generate(meter.Add, block);
            return meter.GetReport();
        }

        var single = Measure(1);
        foreach (var other in new[] { Measure(1001), Measure(65_536) })
        {
            Assert.Equal(single.Frames, other.Frames);
            Assert.Equal(single.IntegratedLufs, other.IntegratedLufs, 1e-9);
            Assert.Equal(single.LoudnessRangeLu, other.LoudnessRangeLu, 1e-9);
            Assert.Equal(single.MaxMomentaryLufs, other.MaxMomentaryLufs, 1e-9);
            Assert.Equal(single.MaxShortTermLufs, other.MaxShortTermLufs, 1e-9);
            Assert.Equal(single.TruePeakDbtp, other.TruePeakDbtp, 1e-9);
            Assert.Equal(single.SamplePeakDbfs, other.SamplePeakDbfs);
        }
    }

    [Fact]
    public void Silence_ReportsNegativeInfinityAndNoRange()
    {
        var meter = new LoudnessMeter();
        meter.Prepare(new AudioSpec(48_000, 2, 4800));
        var buffer = new AudioBuffer(2, 4800);
        for (var i = 0; i < 50; i++)
        {
            meter.Add(buffer.AsBlock());
        }

        var report = meter.GetReport();
        Assert.Equal(double.NegativeInfinity, report.IntegratedLufs);
        Assert.Equal(0.0, report.LoudnessRangeLu);
        Assert.Equal(double.NegativeInfinity, report.TruePeakDbtp);
        Assert.Equal(5.0, report.DurationSeconds, 1e-9);
    }

    [Fact]
    public void NaNSample_RefusedWithFrameAndChannel_BlockNotMeasured()
    {
        var meter = new LoudnessMeter();
        meter.Prepare(new AudioSpec(48_000, 2, 1000));
        var buffer = new AudioBuffer(2, 1000);
        meter.Add(buffer.AsBlock());
        buffer.Channel(1)[321] = float.NaN;
        var e = Assert.Throws<NonFiniteSampleException>(() => meter.Add(buffer.AsBlock()));
        Assert.Equal(1, e.Channel);
        Assert.Equal(1321, e.Frame);
        Assert.Contains("NaN at frame 1321 on channel 2", e.Message, StringComparison.Ordinal);
        Assert.Equal(1000, meter.Frames);
    }

    [Fact]
    public void Series_OneReadingPer100Milliseconds()
    {
        var (report, meter) = EbuTech3341Tests.Measure(48_000, 2, ToneSegment.Uniform(2.05, -23));
        var series = meter.Series();
        Assert.Equal(20, series.Count);
        Assert.Equal(0.1, series[0].TimeSeconds, 1e-12);
        Assert.Equal(2.0, series[^1].TimeSeconds, 1e-12);
        Assert.Equal(-23.0, series[^1].MomentaryLufs, 0.1);
        Assert.Equal(report.MaxMomentaryLufs, series.Max(p => p.MomentaryLufs), 1e-5);
    }

    [Fact]
    public void Plr_IsTruePeakMinusIntegrated()
    {
        var (report, _) = EbuTech3341Tests.Measure(48_000, 2, ToneSegment.Uniform(5, -20));
        // A sine's loudness equals its peak level on a stereo pair, so its PLR is 0 dB.
        Assert.Equal(report.TruePeakDbtp - report.IntegratedLufs, report.PlrDb, 1e-12);
        Assert.Equal(0.0, report.PlrDb, 0.1);
    }

    [Fact]
    public void RangeReadingsPerSecond_OutsideAccepted_Refused()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new LoudnessMeter(new LoudnessMeterOptions { LoudnessRangeReadingsPerSecond = 3 }));
        Assert.Contains("accepted 1, 2, 5 or 10", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TruePeakShortcut_GivesExactlyTheFullComputation()
    {
        // Loud then quiet then loud again, with transients: the skipped chunks must not change a thing.
        const int rate = 44_100;
        var random = new Random(11);
        var signal = new float[rate * 6];
        for (var i = 0; i < signal.Length; i++)
        {
            var level = i < rate * 2 ? 0.9 : i < rate * 4 ? 0.05 : 0.95;
            signal[i] = (float)(level * Math.Sin(i * 0.9) * (random.NextDouble() < 0.001 ? 1.0 : 0.8));
        }

        var fast = new TruePeakDetector(rate, 1);
        var full = new TruePeakDetector(rate, 1) { SkipChunksBelowPeak = false };
        for (var done = 0; done < signal.Length; done += 3000)
        {
            var chunk = signal.AsSpan(done, Math.Min(3000, signal.Length - done));
            fast.Process(0, chunk);
            full.Process(0, chunk);
        }

        Assert.Equal(full.Peak(0), fast.Peak(0));
    }

    [Fact]
    public void TruePeakInterpolator_FlatWithin0Point05DbTo0Point35Fs()
    {
        var detector = new TruePeakDetector(48_000, 1);
        for (var phase = 1; phase < detector.Factor; phase++)
        {
            foreach (var f in new[] { 0.01, 0.1, 0.2, 0.25, 0.3, 0.35 })
            {
                Assert.Equal(0.0, Decibels.FromAmplitude(detector.PhaseResponse(phase, f).Magnitude), 0.05);
            }
        }
    }

    [Fact]
    public void StereoPair_EachChannelMeasuresToTheBitAsItDoesAlone()
    {
        // The stereo path runs both channels in one vector; with the other channel silent it must give
        // exactly what the one-channel path gives, whichever side the signal is on.
        var (left, right) = TwoDifferentChannels(48_000, 7);
        var silent = new float[left.Length];
        foreach (var (pair, alone) in new[] { ([left, silent], left), (new[] { silent, right }, right) })
        {
            var stereo = MeasureBlocks(pair, new LoudnessMeterOptions { TruePeak = false });
            var mono = MeasureBlocks([alone], new LoudnessMeterOptions { TruePeak = false });
            Assert.Equal(mono.IntegratedLufs, stereo.IntegratedLufs);
            Assert.Equal(mono.MaxMomentaryLufs, stereo.MaxMomentaryLufs);
            Assert.Equal(mono.LoudnessRangeLu, stereo.LoudnessRangeLu);
        }
    }

    [Fact]
    public void MonoFoldDown_IsTheLoudnessOfTheAverageOnBothSpeakers()
    {
        var (left, right) = TwoDifferentChannels(48_000, 9);
        var fold = new float[left.Length];
        for (var i = 0; i < fold.Length; i++)
        {
            fold[i] = (left[i] + right[i]) / 2;
        }

        var stereo = MeasureBlocks([left, right], new LoudnessMeterOptions { MonoFoldDown = true });
        var mono = MeasureBlocks([fold, fold], new LoudnessMeterOptions());
        Assert.NotNull(stereo.MonoFoldDownLufs);
        Assert.Equal(mono.IntegratedLufs, stereo.MonoFoldDownLufs!.Value, 1e-4);
        Assert.True(stereo.IntegratedLufs - stereo.MonoFoldDownLufs.Value > 1.0, "different channels lose loudness in mono");
        Assert.Null(MeasureBlocks([left, right], new LoudnessMeterOptions()).MonoFoldDownLufs);
        var e = Assert.Throws<ArgumentException>(() => new LoudnessMeter(new LoudnessMeterOptions { MonoFoldDown = true }).Prepare(new AudioSpec(48_000, 1, 1024)));
        Assert.Contains("stereo", e.Message, StringComparison.Ordinal);
    }

    // A tone with a swelling envelope on the left, noise bursts and a higher tone on the right.
    private static (float[] Left, float[] Right) TwoDifferentChannels(int rate, int seconds)
    {
        var random = new Random(5);
        var left = new float[rate * seconds];
        var right = new float[rate * seconds];
        for (var i = 0; i < left.Length; i++)
        {
            var t = (double)i / rate;
            left[i] = (float)(0.4 * (0.5 + (0.5 * Math.Sin(2 * Math.PI * 0.3 * t))) * Math.Sin(2 * Math.PI * 220 * t));
            right[i] = (float)((0.2 * Math.Sin(2 * Math.PI * 1500 * t)) + ((t % 2) < 1 ? 0.3 * (random.NextDouble() - 0.5) : 0));
        }

        return (left, right);
    }

    private static LoudnessReport MeasureBlocks(float[][] channels, LoudnessMeterOptions options)
    {
        const int Block = 3000;
        var meter = new LoudnessMeter(options);
        meter.Prepare(new AudioSpec(48_000, channels.Length, Block));
        for (var done = 0; done < channels[0].Length; done += Block)
        {
            meter.Add(new AudioBlock(channels, channels.Length, done, Math.Min(Block, channels[0].Length - done)));
        }

        return meter.GetReport();
    }
}
