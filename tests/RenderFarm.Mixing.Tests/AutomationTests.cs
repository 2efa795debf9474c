using static RenderFarm.Mixing.Tests.MixFixture;

namespace RenderFarm.Mixing.Tests;

/// <summary>Automation lanes: exact at breakpoints, sample-accurate between them, and no zipper noise when inserts move.</summary>
public sealed class AutomationTests : IDisposable
{
    private readonly MixFixture _fx = new("mix-automation");

    [Fact]
    public void LinearGainLane_IsExactAtBreakpoints_AndFollowsTheLineEveryFrame()
    {
        _fx.Source("dc.wav", 3, (_, _) => 0.5f);
        var (_, mix) = _fx.Render("""
            { "pan_law": "balance", "tracks": [ { "name": "dc", "source": "dc.wav", "automation": [
                { "parameter": "gain_db", "points": [ { "time_s": 1, "value": -20 }, { "time_s": 2, "value": 0 } ] } ] } ] }
            """);
        Assert.Equal(0.05, mix[0][0], 1e-7);          // before the first breakpoint: its value
        Assert.Equal(0.05, mix[0][48_000], 1e-7);     // at it
        Assert.Equal(0.5 * Math.Pow(10, -0.5), mix[0][72_000], 1e-6); // halfway: -10 dB
        Assert.Equal(0.5, mix[0][96_000], 1e-7);      // at the last
        Assert.Equal(0.5, mix[0][^1], 1e-7);
        for (var n = 48_000; n <= 96_000; n++)
        {
            var db = -20 + (20.0 * (n - 48_000) / 48_000);
            Assert.Equal(0.5 * Math.Pow(10, db / 20), mix[0][n], 2e-6);
        }
    }

    [Fact]
    public void StepLane_ChangesOnTheBreakpointsFrame_SmoothLaneHasNoCorners()
    {
        _fx.Source("dc.wav", 2, (_, _) => 1.0f);
        var (_, mix) = _fx.Render("""
            { "pan_law": "balance", "tracks": [ { "name": "dc", "source": "dc.wav", "automation": [
                { "parameter": "gain_db", "interpolation": "step", "points": [ { "time_s": 0.5, "value": -6 }, { "time_s": 1, "value": -12 } ] },
                { "parameter": "pan", "interpolation": "smooth", "points": [ { "time_s": 0.25, "value": 0 }, { "time_s": 1.25, "value": -1 } ] } ] } ] }
            """);
        var l = mix[0];
        var r = mix[1];
        Assert.Equal(Math.Pow(10, -6 / 20.0), l[47_999], 1e-6);
        Assert.Equal(Math.Pow(10, -12 / 20.0), l[48_000], 1e-6);

        // The right side of a balance falls from 1 to 0 along a raised cosine: no step, and its slope
        // starts and ends at zero.
        var gainAt = (int n) => n < 48_000 ? Math.Pow(10, -6 / 20.0) : Math.Pow(10, -12 / 20.0);
        var right = Enumerable.Range(0, r.Length).Select(n => r[n] / gainAt(n)).ToArray();
        Assert.Equal(1.0, right[12_000], 1e-6);
        Assert.Equal(0.0, right[60_000], 1e-6);
        var steepest = Enumerable.Range(12_000, 48_000).Max(n => Math.Abs(right[n + 1] - right[n]));
        Assert.True(steepest < 1.1 * Math.PI / 2 / 48_000 * 1.5, $"steepest step {steepest}");
        Assert.True(Math.Abs(right[12_001] - right[12_000]) < 1e-7 && Math.Abs(right[60_000] - right[59_999]) < 1e-6, "the smooth lane starts and ends flat");
    }

    [Fact]
    public void AutomatedEqGain_MovesTheToneWithoutZipperNoise()
    {
        // A 1 kHz tone through a peaking band at 1 kHz whose gain rises 0 -> +12 dB over a second: the
        // tone's level follows the lane, and the output never jumps more than the tone itself can move.
        const double Amplitude = 0.1;
        _fx.Source("tone.wav", 3, Sine(1000, Amplitude));
        var (_, mix) = _fx.Render("""
            { "pan_law": "balance", "tracks": [ { "name": "t", "source": "tone.wav",
                "inserts": [ { "type": "eq", "bands": [ { "type": "peaking", "frequency_hz": 1000, "q": 1, "gain_db": 0 } ] } ],
                "automation": [ { "parameter": "inserts[0].bands[0].gain_db", "points": [ { "time_s": 1, "value": 0 }, { "time_s": 2, "value": 12 } ] } ] } ] }
            """);
        var x = mix[0];
        double LevelDb(int centre) => 20 * Math.Log10(Testing.SignalAnalysis.FitSine(x.AsSpan(centre - 480, 960), 1000, 48_000, centre - 480).Amplitude / Amplitude);
        Assert.Equal(0.0, LevelDb(24_000), 0.01);
        Assert.Equal(6.0, LevelDb(72_000), 0.3);
        Assert.Equal(12.0, LevelDb(130_000), 0.01);
        var maxStep = 2 * Math.PI * 1000 / 48_000 * Amplitude * Math.Pow(10, 12 / 20.0);
        for (var n = 1; n < x.Length; n++)
        {
            Assert.True(Math.Abs(x[n] - x[n - 1]) <= maxStep * 1.02, $"a jump of {Math.Abs(x[n] - x[n - 1]):0.00000} at frame {n}");
        }
    }

    [Fact]
    public void AutomatedSendAndBusGain_AreSampleAccurate()
    {
        _fx.Source("dc.wav", 2, (_, _) => 0.5f);
        var (_, mix) = _fx.Render("""
            { "pan_law": "balance",
              "tracks": [ { "name": "dc", "source": "dc.wav", "gain_db": -144, "sends": [ { "bus": "fx", "level_db": 0, "pre_fader": true } ],
                            "automation": [ { "parameter": "sends[0].level_db", "points": [ { "time_s": 0.5, "value": -144 }, { "time_s": 0.5001, "value": 0 } ] } ] } ],
              "buses": [ { "name": "fx", "automation": [ { "parameter": "gain_db", "interpolation": "step", "points": [ { "time_s": 0, "value": 0 }, { "time_s": 1, "value": -6 } ] } ] } ] }
            """);
        Assert.True(Math.Abs(mix[0][23_999]) < 1e-6);
        Assert.Equal(0.5, mix[0][24_005], 1e-6);
        Assert.Equal(0.5, mix[0][47_999], 1e-6);
        Assert.Equal(0.5 * Math.Pow(10, -6 / 20.0), mix[0][48_000], 1e-6);
    }

    [Theory]
    [InlineData(Automation.Interpolation.Linear)]
    [InlineData(Automation.Interpolation.Step)]
    [InlineData(Automation.Interpolation.Smooth)]
    public void LaneFill_EqualsValueAtEveryFrame_WhateverTheBlocks(Automation.Interpolation interpolation)
    {
        var lane = new Automation.AutomationLane
        {
            Parameter = "gain_db",
            Interpolation = interpolation,
            Points = [new(0.1, -3), new(0.25, 4), new(0.25, -8), new(0.3, 0), new(0.61, 0), new(0.9, 12)],
        };
        var random = new Random(3);
        var values = new float[4096];
        for (long frame = 0; frame < 48_000;)
        {
            var n = random.Next(1, 4096);
            lane.Fill(frame, 48_000, values.AsSpan(0, n));
            for (var i = 0; i < n; i++)
            {
                Assert.Equal((float)lane.ValueAt((double)(frame + i) / 48_000), values[i]);
            }

            frame += n;
        }
    }

    public void Dispose() => _fx.Dispose();
}
