using RenderFarm.Dsp.Dynamics;
using RenderFarm.Dsp.Filters;
using RenderFarm.Testing;

namespace RenderFarm.Dsp.Tests.Dynamics;

/// <summary>Linkwitz-Riley bands sum back flat; a multiband stage with no gain change is flat within 0.01 dB.</summary>
public sealed class MultibandTests
{
    private const int Rate = 48_000;
    private const int Length = 1 << 16;

    [Theory]
    [InlineData(new[] { 120.0, 2500.0 })]
    [InlineData(new[] { 80.0, 800.0, 6000.0 })]
    [InlineData(new[] { 1000.0 })]
    public void BandsSummed_MagnitudeFlatWithin0Point01Db(double[] crossovers)
    {
        var splitter = new BandSplitter(crossovers, Rate);
        var spec = new AudioSpec(Rate, 1, Length);
        splitter.Prepare(spec);
        var input = new AudioBuffer(1, Length);
        input.Channel(0)[0] = 1.0f;
        var bands = Enumerable.Range(0, splitter.Bands).Select(_ => new AudioBuffer(1, Length)).ToArray();
        splitter.Split(input.AsBlock(), bands.Select(b => b.AsBlock()).ToArray());
        var sum = new float[Length];
        foreach (var b in bands)
        {
            VectorMath.Add(b.Channel(0), sum);
        }

        foreach (var f in SignalAnalysis.LogSpaced(10, 23_000, 120))
        {
            Assert.Equal(0.0, Decibels.FromAmplitude(SignalAnalysis.ResponseAt(sum, f, Rate).Magnitude), 0.01);
        }

        // Each band really is a band: the lowest is 24 dB/octave down two octaves above its crossover.
        Assert.True(Decibels.FromAmplitude(SignalAnalysis.ResponseAt(bands[0].Channel(0), crossovers[0] * 4, Rate).Magnitude) < -45);
        Assert.Equal(-6.02, Decibels.FromAmplitude(SignalAnalysis.ResponseAt(bands[0].Channel(0), crossovers[0], Rate).Magnitude), 0.05);
    }

    [Theory]
    [InlineData(new[] { 90.0, 900, 7000 }, 1000)]
    [InlineData(new[] { 120.0, 2500 }, 7)]
    [InlineData(new[] { 120.0, 2500 }, 1)]
    [InlineData(new[] { 300.0 }, 250)]
    public void StereoSplit_EqualsEachChannelSplitAlone(double[] crossovers, int block)
    {
        // Stereo runs both channels in one vector (and pairs of crossovers a few samples apart); it must
        // give exactly what the one-channel path gives, whatever the block size.
        const int Frames = 5000;
        var bandCount = crossovers.Length + 1;
        var random = new Random(6);
        var input = new AudioBuffer(2, Frames);
        for (var c = 0; c < 2; c++)
        {
            for (var i = 0; i < Frames; i++)
            {
                input.Channel(c)[i] = (float)(random.NextDouble() - 0.5);
            }
        }

        var stereo = new BandSplitter(crossovers, Rate);
        stereo.Prepare(new AudioSpec(Rate, 2, block));
        var stereoBands = Enumerable.Range(0, bandCount).Select(_ => new AudioBuffer(2, Frames)).ToArray();
        var monos = Enumerable.Range(0, 2).Select(_ => new BandSplitter(crossovers, Rate)).ToArray();
        var monoBands = Enumerable.Range(0, 2).Select(_ => Enumerable.Range(0, bandCount).Select(_ => new AudioBuffer(1, Frames)).ToArray()).ToArray();
        foreach (var m in monos)
        {
            m.Prepare(new AudioSpec(Rate, 1, block));
        }

        for (var done = 0; done < Frames; done += block)
        {
            var n = Math.Min(block, Frames - done);
            stereo.Split(input.AsBlock().Slice(done, n), stereoBands.Select(b => b.AsBlock().Slice(done, n)).ToArray());
            for (var c = 0; c < 2; c++)
            {
                var one = new AudioBlock([input.Channel(c)], 1, done, n);
                monos[c].Split(one, monoBands[c].Select(b => b.AsBlock().Slice(done, n)).ToArray());
            }
        }

        for (var band = 0; band < bandCount; band++)
        {
            Assert.Equal(monoBands[0][band].Channel(0), stereoBands[band].Channel(0));
            Assert.Equal(monoBands[1][band].Channel(0), stereoBands[band].Channel(1));
        }
    }

    [Fact]
    public void MultibandWithoutGainChange_FlatWithin0Point01Db()
    {
        var unity = new CompressorSettings { Ratio = 1, ThresholdDb = -20, MakeupDb = 0 };
        var multiband = new MultibandCompressor(new MultibandSettings { CrossoversHz = [100, 1000, 8000], Bands = [unity, unity, unity, unity] });
        multiband.Prepare(new AudioSpec(Rate, 2, 4096));
        var buffer = new AudioBuffer(2, Length);
        buffer.Channel(0)[0] = 0.5f;
        buffer.Channel(1)[10] = 0.5f;
        for (var done = 0; done < Length; done += 4096)
        {
            multiband.Process(buffer.AsBlock().Slice(done, 4096));
        }

        foreach (var f in SignalAnalysis.LogSpaced(10, 23_000, 100))
        {
            Assert.Equal(-6.0206, Decibels.FromAmplitude(SignalAnalysis.ResponseAt(buffer.Channel(0), f, Rate).Magnitude), 0.01);
            Assert.Equal(-6.0206, Decibels.FromAmplitude(SignalAnalysis.ResponseAt(buffer.Channel(1), f, Rate).Magnitude), 0.01);
        }
    }

    [Fact]
    public void LoudLowBand_CompressedOthersUntouched()
    {
        var gentle = new CompressorSettings { Ratio = 1 };
        var hard = new CompressorSettings { ThresholdDb = -30, Ratio = 10, KneeDb = 0, AttackMs = 1, ReleaseMs = 100 };
        var multiband = new MultibandCompressor(new MultibandSettings { CrossoversHz = [200, 4000], Bands = [hard, gentle, gentle] });
        multiband.Prepare(new AudioSpec(Rate, 1, 4096));
        var x = new float[Rate];
        for (var i = 0; i < x.Length; i++)
        {
            x[i] = (float)((0.5 * Math.Sin(2 * Math.PI * 50 * i / Rate)) + (0.05 * Math.Sin(2 * Math.PI * 1000 * i / Rate)));
        }

        for (var done = 0; done < x.Length; done += 4096)
        {
            multiband.Process(new AudioBlock([x], 1, done, Math.Min(4096, x.Length - done)));
        }

        var tail = x.AsSpan(Rate / 2);
        Assert.Equal(0.05, SignalAnalysis.FitSine(tail, 1000, Rate, Rate / 2).Amplitude, 0.002);
        Assert.True(SignalAnalysis.FitSine(tail, 50, Rate, Rate / 2).Amplitude < 0.1);
        Assert.True(multiband.MaxGainReductionDb[0] < -10);
        Assert.Equal(0.0, multiband.MaxGainReductionDb[1]);
    }

    [Fact]
    public void CrossoversTooClose_Refused()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new MultibandSettings { CrossoversHz = [1000, 1050] }.Validate(Rate));
        Assert.Contains("crossovers_hz[1] 1050 Hz must be above", e.Message, StringComparison.Ordinal);
    }
}
