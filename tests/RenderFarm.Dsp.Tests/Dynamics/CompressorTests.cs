using RenderFarm.Dsp.Dynamics;
using RenderFarm.Testing;

namespace RenderFarm.Dsp.Tests.Dynamics;

/// <summary>The compressor's static curve analytically and on steady sines, its time constants, its checks.</summary>
public sealed class CompressorTests
{
    [Fact]
    public void StaticCurve_BelowKneeAboveAnalytic()
    {
        var s = new CompressorSettings { ThresholdDb = -20, Ratio = 4, KneeDb = 6 };
        Assert.Equal(-30.0, s.OutputDb(-30.0), 1e-12);
        Assert.Equal(-23.0, s.OutputDb(-23.0), 1e-12);
        Assert.Equal(-20.0 + (10.0 / 4), s.OutputDb(-10.0), 1e-12);
        // At the threshold, the middle of the knee: x + (1/R - 1)(W/2)^2 / (2W).
        Assert.Equal(-20.0 + ((0.25 - 1) * 9 / 12), s.OutputDb(-20.0), 1e-12);
        // Continuous at both knee edges.
        Assert.Equal(s.OutputDb(-23.0 - 1e-9), s.OutputDb(-23.0 + 1e-9), 1e-6);
        Assert.Equal(s.OutputDb(-17.0 - 1e-9), s.OutputDb(-17.0 + 1e-9), 1e-6);
    }

    [Theory]
    [InlineData(-40.0)]
    [InlineData(-22.0)]
    [InlineData(-20.0)]
    [InlineData(-12.0)]
    [InlineData(-3.0)]
    public void SteadySine_OutputPeakFollowsTheCurve(double inputDb)
    {
        // A fast attack and a slow release make the peak detector hold the sine's peak.
        var settings = new CompressorSettings { ThresholdDb = -20, Ratio = 4, KneeDb = 4, AttackMs = 0.05, ReleaseMs = 5000, MakeupDb = 2 };
        var output = Run(settings, 48_000, 1000, inputDb, seconds: 2);
        var (amplitude, _, _) = SignalAnalysis.FitSine(output.AsSpan(48_000), 1000, 48_000, 48_000);
        Assert.Equal(settings.OutputDb(inputDb) + 2.0, Decibels.FromAmplitude(amplitude), 0.05);
    }

    [Fact]
    public void LevelStep_GainSettlesWithAttackAndReleaseTimeConstants()
    {
        const int rate = 48_000;
        var settings = new CompressorSettings { ThresholdDb = -30, Ratio = 100, KneeDb = 0, AttackMs = 5, ReleaseMs = 50 };
        var compressor = new Compressor(settings);
        compressor.Prepare(new AudioSpec(rate, 1, rate));
        // DC steps make the gain visible directly: 0.1 s at -40 dBFS, 0.2 s at -10 dBFS, 0.4 s at -40 dBFS.
        var x = new float[(int)(0.7 * rate)];
        for (var i = 0; i < x.Length; i++)
        {
            x[i] = (float)Decibels.ToAmplitude(i < rate / 10 || i >= 0.3 * rate ? -40 : -10);
        }

        var input = (float[])x.Clone();
        for (var done = 0; done < x.Length; done += rate)
        {
            compressor.Process(new AudioBlock([x], 1, done, Math.Min(rate, x.Length - done)));
        }

        double GainDb(int i) => Decibels.FromAmplitude(x[i] / input[i]);
        // Wanted reduction at -10 dBFS: 19.8 dB. After one attack time constant 63 % of it.
        var wanted = settings.OutputDb(-10) + 10;
        var attackEnd = (rate / 10) + (5 * rate / 1000);
        Assert.Equal(wanted * (1 - Math.Exp(-1)), GainDb(attackEnd), 0.2);
        Assert.Equal(wanted, GainDb((int)(0.29 * rate)), 0.01);
        var releaseEnd = (int)(0.3 * rate) + (50 * rate / 1000);
        Assert.Equal(wanted * Math.Exp(-1), GainDb(releaseEnd), 0.2);
        Assert.Equal(0.0, GainDb(x.Length - 1), 0.01);
    }

    [Fact]
    public void StereoLinked_OneGainForBothChannels()
    {
        var compressor = new Compressor(new CompressorSettings { ThresholdDb = -20, Ratio = 10, AttackMs = 1 });
        compressor.Prepare(new AudioSpec(48_000, 2, 4800));
        var buffer = new AudioBuffer(2, 4800);
        buffer.Channel(0).AsSpan().Fill(0.5f);
        buffer.Channel(1).AsSpan().Fill(0.01f);
        compressor.Process(buffer.AsBlock());
        Assert.Equal(buffer.Channel(0)[^1] / 0.5f, buffer.Channel(1)[^1] / 0.01f, 1e-5);
        Assert.True(buffer.Channel(1)[^1] < 0.005f);
    }

    [Fact]
    public void BadSettings_RefusedNamingField()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new CompressorSettings { Ratio = 0.5 }.Validate("bands[1]"));
        Assert.Contains("bands[1].ratio 0.5 is out of range: accepted 1 to 100", e.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => new CompressorSettings { AttackMs = double.NaN }.Validate());
    }

    [Fact]
    public void Process_AllocatesNothing()
    {
        var compressor = new Compressor(new CompressorSettings());
        compressor.Prepare(new AudioSpec(48_000, 2, 1024));
        var buffer = new AudioBuffer(2, 1024);
        compressor.Process(buffer.AsBlock());
        var before = GC.GetAllocatedBytesForCurrentThread();
        compressor.Process(buffer.AsBlock());
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    internal static float[] Run(CompressorSettings settings, int rate, double frequency, double peakDb, double seconds)
    {
        var compressor = new Compressor(settings);
        compressor.Prepare(new AudioSpec(rate, 1, 4096));
        var x = new float[(int)(seconds * rate)];
        var a = Decibels.ToAmplitude(peakDb);
        for (var i = 0; i < x.Length; i++)
        {
            x[i] = (float)(a * Math.Sin(2 * Math.PI * frequency * i / rate));
        }

        for (var done = 0; done < x.Length; done += 4096)
        {
            compressor.Process(new AudioBlock([x], 1, done, Math.Min(4096, x.Length - done)));
        }

        return x;
    }
}
