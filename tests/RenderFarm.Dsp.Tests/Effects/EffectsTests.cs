using RenderFarm.Dsp.Effects;
using RenderFarm.Dsp.Filters;
using RenderFarm.Testing;
using static RenderFarm.Dsp.Tests.Dynamics.GateAndDeEsserTests;

namespace RenderFarm.Dsp.Tests.Effects;

public sealed class EffectsTests
{
    private const int Rate = 48_000;

    [Fact]
    public void Saturation_SmallSignalsGainTheDrive_LoudOnesStayBounded()
    {
        var quiet = Sine(Rate, 200, 0.001);
        Run(new Saturation(new SaturationSettings { DriveDb = 12 }), quiet);
        Assert.Equal(12.0, Decibels.FromAmplitude(SignalAnalysis.FitSine(quiet.AsSpan(1000), 200, Rate, 1000).Amplitude / 0.001), 0.02);

        var loud = Sine(Rate, 200, 0.9);
        Run(new Saturation(new SaturationSettings { DriveDb = 24, OutputDb = -3 }), loud);
        Assert.True(loud.Max(Math.Abs) <= Decibels.ToAmplitude(-3) + 1e-6);
    }

    [Fact]
    public void Saturation_SymmetricCurve_OddHarmonicsOnly()
    {
        var x = Sine(Rate, 1000, 0.5);
        Run(new Saturation(new SaturationSettings { DriveDb = 12 }), x);

        // A whole number of periods, so the fundamental cannot leak into the second harmonic's estimate.
        var from = 960;
        var third = Decibels.FromAmplitude(SignalAnalysis.FitSine(x.AsSpan(from), 3000, Rate, from).Amplitude);
        var second = Decibels.FromAmplitude(SignalAnalysis.FitSine(x.AsSpan(from), 2000, Rate, from).Amplitude);
        Assert.True(third > -30, $"third harmonic {third:0.0} dB");
        Assert.True(second < -100, $"second harmonic {second:0.0} dB");
    }

    [Fact]
    public void Saturation_Antialiased_FewerAliasesThanABareTanh()
    {
        // 9 kHz driven hard: its 5th harmonic (45 kHz) folds back to 3 kHz.
        var drive = Decibels.ToAmplitude(18);
        var x = Sine(Rate, 9000, 0.5);
        var bare = x.Select(v => (float)Math.Tanh(drive * v)).ToArray();
        Run(new Saturation(new SaturationSettings { DriveDb = 18 }), x);
        double Alias(float[] s) => SignalAnalysis.FitSine(s.AsSpan(1000), 3000, Rate, 1000).Amplitude;
        Assert.True(Decibels.FromAmplitude(Alias(x) / Alias(bare)) < -6, $"alias only {Decibels.FromAmplitude(Alias(x) / Alias(bare)):0.0} dB lower");
    }

    [Fact]
    public void Reverb_DecayTime_PreDelay_Decorrelation_Tail()
    {
        var settings = new ReverbSettings { DecaySeconds = 1.2, Damping = 0, PreDelayMs = 30, Mix = 1 };
        var (left, right) = Impulse(new Reverb(settings), 4.0);

        // Nothing before the pre-delay.
        var first = Array.FindIndex(left, v => v != 0);
        Assert.True(first >= (int)(0.030 * Rate), $"first output at {first}");

        // RT60 from the Schroeder backward integral, fitted from -5 to -35 dB (T30).
        Assert.Equal(1.2, DecayTime(left.Zip(right, (l, r) => l + r).ToArray()), 1.2 * 0.12);

        // Two different sides.
        var correlation = Correlation(left, right);
        Assert.True(Math.Abs(correlation) < 0.3, $"correlation {correlation:0.00}");

        // Silent (below -90 dB of the peak) once the stated tail has passed.
        var tail = (int)(settings.TailSeconds * Rate);
        var peak = left.Max(Math.Abs);
        Assert.True(left.Skip(tail).Max(Math.Abs) < peak * Decibels.ToAmplitude(-85), "tail still sounding");
    }

    [Fact]
    public void Reverb_Damping_HighsDieSooner()
    {
        var (left, _) = Impulse(new Reverb(new ReverbSettings { DecaySeconds = 2.0, Damping = 1.0, PreDelayMs = 0 }), 2.0);
        double Band(double frequency, int from, int length)
        {
            var x = (float[])left.Clone();
            var filter = new BiquadFilter(BiquadDesign.BandPass(Rate, frequency, 2));
            Run(filter, x);
            return SignalAnalysis.Rms(x.AsSpan(from, length));
        }

        var early = Band(8000, 4800, 4800) / Band(500, 4800, 4800);
        var late = Band(8000, 48_000, 4800) / Band(500, 48_000, 4800);
        Assert.True(Decibels.FromAmplitude(late / early) < -10, $"8 kHz against 500 Hz fell only {Decibels.FromAmplitude(late / early):0.0} dB");
    }

    [Theory]
    [InlineData("1/4", 120, 24_000)]
    [InlineData("1/8", 120, 12_000)]
    [InlineData("1/8.", 120, 18_000)]
    [InlineData("1/8t", 120, 8_000)]
    [InlineData("1/16", 90, 8_000)]
    public void Delay_NoteValues_AtTheTempo(string note, double bpm, int frames)
    {
        var delay = new Delay(new DelaySettings { Note = note, TempoBpm = bpm });
        delay.Prepare(new AudioSpec(Rate, 2, 512));
        Assert.Equal(frames, delay.DelayFrames);
    }

    [Fact]
    public void Delay_Echoes_ExactTimesAndFeedback_PingPongAlternates()
    {
        var (left, right) = Impulse(new Delay(new DelaySettings { TimeMs = 100, Feedback = 0.5, HighCutHz = 0, Mix = 1 }), 0.5);
        for (var k = 1; k <= 4; k++)
        {
            Assert.Equal(Math.Pow(0.5, k - 1), left[k * 4800], 1e-6);
            Assert.Equal(left[k * 4800], right[k * 4800]);
        }

        // Nothing between the echoes.
        Assert.Equal(0.0, left.Select(Math.Abs).Sum() - left.Where((_, i) => i % 4800 == 0).Select(Math.Abs).Sum(), 1e-6);

        var (pl, pr) = Impulse(new Delay(new DelaySettings { TimeMs = 100, Feedback = 0.5, HighCutHz = 0, Mix = 1, PingPong = true }), 0.5);
        Assert.True(pl[4800] > 0 && pr[4800] == 0, "first echo on the left");
        Assert.True(pr[9600] > 0 && pl[9600] == 0, "second on the right");
    }

    [Fact]
    public void Delay_BadNote_RefusedNamingTheField()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new Delay(new DelaySettings { Note = "1/5" }));
        Assert.Contains("delay.note", e.Message, StringComparison.Ordinal);
        Assert.Contains("1/8t", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Chorus_NoDepth_IsTheDryPlusTheDelayedSignal()
    {
        var x = Sine(Rate / 2, 440, 0.5);
        var input = (float[])x.Clone();
        Run(new Chorus(new ChorusSettings { DelayMs = 10, DepthMs = 0, Mix = 0.5, Voices = 3 }), x);
        for (var n = 480; n < x.Length; n += 97)
        {
            Assert.Equal((0.5f * input[n]) + (0.5f * input[n - 480]), x[n], 1e-6);
        }
    }

    [Fact]
    public void Chorus_Sweep_DelayFollowsTheLfo()
    {
        // One voice, wet only: an impulse comes out delayed by the LFO's delay at that moment.
        var settings = new ChorusSettings { RateHz = 1, DelayMs = 10, DepthMs = 4, Voices = 1, Mix = 1, Spread = 0 };
        foreach (var at in new[] { 0.0, 0.25, 0.5, 0.75 })
        {
            var x = new float[Rate + 2000];
            var n0 = (int)(at * Rate) + 100;
            x[n0] = 1;
            Run(new Chorus(settings), x);
            var peak = Array.IndexOf(x, x.Max());
            // The delay read when the impulse comes out: d = centre + depth sin(2 pi f (n0 + d)).
            var expected = 480.0;
            for (var i = 0; i < 20; i++)
            {
                expected = (0.010 + (0.004 * Math.Sin(2 * Math.PI * 1 * (n0 + expected) / Rate))) * Rate;
            }

            Assert.InRange(peak - n0, expected - 2, expected + 2);
        }
    }

    private static (float[] Left, float[] Right) Impulse(IAudioProcessor processor, double seconds)
    {
        var left = new float[(int)(seconds * Rate)];
        var right = new float[left.Length];
        left[0] = 1;
        right[0] = 1;
        Run(processor, left, right);
        return (left, right);
    }

    private static double DecayTime(float[] ir)
    {
        var energy = new double[ir.Length];
        var sum = 0.0;
        for (var i = ir.Length - 1; i >= 0; i--)
        {
            sum += (double)ir[i] * ir[i];
            energy[i] = sum;
        }

        double Db(int i) => 10 * Math.Log10(energy[i] / energy[0]);
        var start = Array.FindIndex(energy, e => 10 * Math.Log10(e / energy[0]) < -5);
        var end = Array.FindIndex(energy, e => 10 * Math.Log10(e / energy[0]) < -35);
        var slope = (Db(end) - Db(start)) / ((end - start) / (double)Rate);
        return -60.0 / slope;
    }

    private static double Correlation(float[] a, float[] b)
    {
        double ab = 0, aa = 0, bb = 0;
        for (var i = 0; i < a.Length; i++)
        {
            ab += (double)a[i] * b[i];
            aa += (double)a[i] * a[i];
            bb += (double)b[i] * b[i];
        }

        return ab / Math.Sqrt(aa * bb);
    }
}
