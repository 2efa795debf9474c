using RenderFarm.Dsp.Dynamics;
using RenderFarm.Dsp.Metering;
using RenderFarm.Testing;

namespace RenderFarm.Dsp.Tests.Dynamics;

/// <summary>The limiter holds the true peak at the ceiling on the worst cases, by our meter and by libebur128.</summary>
public sealed class TruePeakLimiterTests
{
    private const int Rate = 48_000;

    public static TheoryData<string, double> WorstCases => new()
    {
        { "quarter-rate sine at 45 degrees, 6 dB over", -1.0 },
        { "hard-clipped square-ish sine, 12 dB over", -1.0 },
        { "full-scale white noise, 6 dB over", -0.3 },
        { "bursts of a 15 kHz sine", -2.0 },
        { "impulses", -1.0 },
    };

    [Theory]
    [MemberData(nameof(WorstCases))]
    public void WorstCase_TruePeakAtOrBelowCeiling(string signal, double ceiling)
    {
        var input = Make(signal, Rate * 4);
        var output = Limit(input, new LimiterSettings { CeilingDbtp = ceiling }, out var limiter);
        var (ours, reference) = TruePeaks(output);
        Assert.True(ours <= ceiling, $"{signal}: true peak {ours:0.000} dBTP over the {ceiling} dBTP ceiling");
        Assert.True(reference <= ceiling, $"{signal}: libebur128 reads {reference:0.000} dBTP over the {ceiling} dBTP ceiling");
        Assert.True(ours > ceiling - 1.5, $"{signal}: limited to {ours:0.000}, far below the ceiling");
        Assert.True(limiter.MaxGainReductionDb < -1.0);
    }

    [Fact]
    public void BelowCeiling_PassesUnchangedAfterItsLatency()
    {
        var input = Make("quarter-rate sine at 45 degrees, 6 dB over", Rate);
        VectorMath.Scale(input[0], 0.25f);
        VectorMath.Scale(input[1], 0.25f);
        var output = Limit(input, new LimiterSettings { CeilingDbtp = -1 }, out var limiter);
        Assert.Equal(0.0, limiter.MaxGainReductionDb);
        Assert.Equal(input[0], output[0]);
        Assert.Equal(input[1], output[1]);
    }

    [Fact]
    public void RealLoudMix_Pushed8Db_CeilingHeldAndReleaseSmooth()
    {
        using var reader = RenderFarm.Audio.AudioFile.OpenRead(Material.Song(3));
        var input = new[] { new float[Rate * 30], new float[Rate * 30] };
        reader.Read(new AudioBlock(input, Rate * 30));
        foreach (var channel in input)
        {
            VectorMath.Scale(channel, (float)Decibels.ToAmplitude(8));
        }

        var output = Limit(input, new LimiterSettings { CeilingDbtp = -1, ReleaseMs = 60 }, out _);
        var (ours, reference) = TruePeaks(output);
        Assert.True(ours <= -1.0 && reference <= -1.0, $"{ours:0.000} / {reference:0.000} dBTP");

        // No gain steps: the ratio of output to input changes by less than 0.5 dB from one sample to the next.
        var worstStep = 0.0;
        for (var i = 1; i < input[0].Length; i++)
        {
            if (Math.Abs(input[0][i]) > 0.1f && Math.Abs(input[0][i - 1]) > 0.1f)
            {
                var g0 = output[0][i - 1] / input[0][i - 1];
                var g1 = output[0][i] / input[0][i];
                worstStep = Math.Max(worstStep, Math.Abs(Decibels.FromAmplitude(g1 / g0)));
            }
        }

        Assert.True(worstStep < 0.5, $"gain stepped by {worstStep:0.00} dB between samples");
    }

    [Fact]
    public void BadSettings_RefusedNamingField()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new TruePeakLimiter(new LimiterSettings { CeilingDbtp = 3 }));
        Assert.Contains("limiter.ceiling_dbtp 3 dBTP is out of range: accepted -20 to 0 dBTP", e.Message, StringComparison.Ordinal);
    }

    // Runs the limiter and returns output aligned with the input (latency removed).
    internal static float[][] Limit(float[][] input, LimiterSettings settings, out TruePeakLimiter limiter)
    {
        const int block = 4096;
        limiter = new TruePeakLimiter(settings);
        limiter.Prepare(new AudioSpec(Rate, input.Length, block));
        var frames = input[0].Length;
        var latency = limiter.LatencyFrames;
        var padded = input.Select(c => c.Concat(new float[latency]).ToArray()).ToArray();
        for (var done = 0; done < padded[0].Length; done += block)
        {
            limiter.Process(new AudioBlock(padded, padded.Length, done, Math.Min(block, padded[0].Length - done)));
        }

        return padded.Select(c => c.AsSpan(latency, frames).ToArray()).ToArray();
    }

    internal static (double Ours, double Libebur128) TruePeaks(float[][] audio)
    {
        var meter = new TruePeakDetector(Rate, audio.Length);
        using var reference = new ReferenceMeter(Rate, audio.Length, readMomentary: false);
        for (var c = 0; c < audio.Length; c++)
        {
            meter.Process(c, audio[c]);
        }

        reference.Add(new AudioBlock(audio, audio[0].Length));
        return (Decibels.FromAmplitude(meter.MaxPeak()), reference.Result().TruePeakDbtp);
    }

    private static float[][] Make(string signal, int frames)
    {
        var random = new Random(42);
        var x = new[] { new float[frames], new float[frames] };
        for (var i = 0; i < frames; i++)
        {
            double v = signal switch
            {
                "quarter-rate sine at 45 degrees, 6 dB over" => 2.0 * Math.Sin((Math.PI / 2 * i) + (Math.PI / 4)),
                "hard-clipped square-ish sine, 12 dB over" => 4.0 * Math.Clamp(4 * Math.Sin(2 * Math.PI * 997 * i / Rate), -1, 1),
                "full-scale white noise, 6 dB over" => 2.0 * ((random.NextDouble() * 2) - 1),
                "bursts of a 15 kHz sine" => (i / 2400 % 2 == 0 ? 1.5 : 0.05) * Math.Sin(2 * Math.PI * 15_000 * i / Rate),
                "impulses" => i % 4800 == 100 ? 3.0 : 0.0,
                _ => throw new ArgumentOutOfRangeException(nameof(signal)),
            };
            x[0][i] = (float)v;
            x[1][i] = (float)(signal.StartsWith("full", StringComparison.Ordinal) ? 2.0 * ((random.NextDouble() * 2) - 1) : -v);
        }

        return x;
    }
}
