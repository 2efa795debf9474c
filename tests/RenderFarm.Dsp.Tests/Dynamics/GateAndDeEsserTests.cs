using RenderFarm.Dsp.Dynamics;
using RenderFarm.Testing;

namespace RenderFarm.Dsp.Tests.Dynamics;

public sealed class GateAndDeEsserTests
{
    private const int Rate = 48_000;

    [Theory]
    [InlineData(-40.0, 0.0)]
    [InlineData(-60.0, -10.0)]
    [InlineData(-90.0, -20.0)]
    public void Expander_SteadyLevels_FollowTheCurve(double levelDb, double expectedGainDb)
    {
        // Threshold -50, ratio 2, range 20: 10 dB under the threshold loses another 10, no more than 20.
        var gate = new Gate(new GateSettings { ThresholdDb = -50, Ratio = 2, RangeDb = 20, AttackMs = 1, HoldMs = 0, ReleaseMs = 20 });
        var x = Sine(Rate * 2, 1000, Decibels.ToAmplitude(levelDb));
        var input = (float[])x.Clone();
        Run(gate, x);
        var tail = Rate;
        var gain = SignalAnalysis.FitSine(x.AsSpan(tail), 1000, Rate, tail).Amplitude / SignalAnalysis.FitSine(input.AsSpan(tail), 1000, Rate, tail).Amplitude;
        // The detector reads the waveform's peaks and closes a little between them: within 0.5 dB.
        Assert.Equal(expectedGainDb, Decibels.FromAmplitude(gain), 0.5);
    }

    [Fact]
    public void Gate_HoldsOpenThenCloses()
    {
        var gate = new Gate(new GateSettings { ThresholdDb = -50, Ratio = 100, RangeDb = 80, AttackMs = 0.5, HoldMs = 50, ReleaseMs = 20 });
        var x = Sine(Rate, 1000, 0.1);
        for (var i = Rate / 2; i < Rate; i++)
        {
            x[i] *= 0.001f; // -60 dB below the burst: -80 dBFS, under the threshold
        }

        var input = (float[])x.Clone();
        Run(gate, x);
        double Gain(double atSeconds)
        {
            var start = (int)(atSeconds * Rate);
            return Decibels.FromAmplitude(SignalAnalysis.Rms(x.AsSpan(start, 240)) / SignalAnalysis.Rms(input.AsSpan(start, 240)));
        }

        Assert.Equal(0.0, Gain(0.25), 0.05);
        Assert.Equal(0.0, Gain(0.52), 0.1);
        Assert.True(Gain(0.8) < -60, $"closed: {Gain(0.8):0.0} dB");
    }

    [Fact]
    public void DeEsser_BelowThreshold_BitExact()
    {
        var deEsser = new DeEsser(new DeEsserSettings { ThresholdDb = -20 });
        var x = Sine(Rate, 8000, 0.01);
        var input = (float[])x.Clone();
        Run(deEsser, x);
        Assert.Equal(input, x);
        Assert.Equal(0.0, deEsser.MaxReductionDb);
    }

    [Fact]
    public void DeEsser_LoudSibilance_TurnedDown_LowsUntouched()
    {
        var deEsser = new DeEsser(new DeEsserSettings { FrequencyHz = 6000, ThresholdDb = -30, Ratio = 4, MaxReductionDb = 12 });
        var low = Sine(Rate, 300, 0.3);
        var high = Sine(Rate, 9000, 0.3);
        var x = low.Zip(high, (a, b) => a + b).ToArray();
        Run(deEsser, x);
        var from = Rate / 2;
        Assert.Equal(0.3, SignalAnalysis.FitSine(x.AsSpan(from), 300, Rate, from).Amplitude, 0.3 * 0.03);
        var highAfter = SignalAnalysis.FitSine(x.AsSpan(from), 9000, Rate, from).Amplitude;
        Assert.True(Decibels.FromAmplitude(highAfter / 0.3) < -9, $"9 kHz only {Decibels.FromAmplitude(highAfter / 0.3):0.0} dB down");
        Assert.Equal(-12.0, deEsser.MaxReductionDb, 0.5);
    }

    internal static float[] Sine(int frames, double frequency, double amplitude) =>
        Enumerable.Range(0, frames).Select(i => (float)(amplitude * Math.Sin(2 * Math.PI * frequency * i / Rate))).ToArray();

    internal static void Run(IAudioProcessor processor, params float[][] channels)
    {
        processor.Prepare(new AudioSpec(Rate, channels.Length, 1000));
        for (var done = 0; done < channels[0].Length; done += 1000)
        {
            processor.Process(new AudioBlock(channels, channels.Length, done, Math.Min(1000, channels[0].Length - done)));
        }
    }
}
