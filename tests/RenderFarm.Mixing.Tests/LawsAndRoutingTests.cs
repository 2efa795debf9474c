using RenderFarm.Mixing.Rendering;
using RenderFarm.Mixing.Sessions;
using static RenderFarm.Mixing.Tests.MixFixture;

namespace RenderFarm.Mixing.Tests;

/// <summary>Gain, pan laws, mute and solo, sends and bus routing: the mix's samples against the arithmetic, to float precision.</summary>
public sealed class LawsAndRoutingTests : IDisposable
{
    private const double Tolerance = 1e-6;
    private readonly MixFixture _fx = new("mix-laws");

    public static TheoryData<PanLaw, double, double, double> MonoLaws => new()
    {
        // law, pan, left, right
        { PanLaw.ConstantPower, 0.0, Math.Sqrt(0.5), Math.Sqrt(0.5) },                   // -3.01 dB each side
        { PanLaw.Linear, 0.0, 0.5, 0.5 },                                                  // -6.02 dB
        { PanLaw.Compromise, 0.0, Math.Pow(0.5, 0.75), Math.Pow(0.5, 0.75) },              // -4.52 dB
        { PanLaw.Balance, 0.0, 1.0, 1.0 },                                                 // 0 dB
        { PanLaw.ConstantPower, -1.0, 1.0, 0.0 },
        { PanLaw.ConstantPower, 1.0, 0.0, 1.0 },
        { PanLaw.ConstantPower, 0.5, Math.Cos(3 * Math.PI / 8), Math.Sin(3 * Math.PI / 8) },
        { PanLaw.Linear, -0.5, 0.75, 0.25 },
        { PanLaw.Balance, 0.5, 0.5, 1.0 },
        { PanLaw.Compromise, 1.0, 0.0, 1.0 },
    };

    [Theory]
    [MemberData(nameof(MonoLaws))]
    public void PanLaw_GivesTheStatedGains(PanLaw law, double pan, double left, double right)
    {
        var (l, r) = Panner.Mono(law, pan);
        Assert.Equal(left, l, 12);
        Assert.Equal(right, r, 12);
    }

    [Fact]
    public void PanLaws_KeepTheirInvariantAcrossThePan()
    {
        for (var p = -1.0; p <= 1.0; p += 0.05)
        {
            var (cl, cr) = Panner.Mono(PanLaw.ConstantPower, p);
            Assert.Equal(1.0, (cl * cl) + (cr * cr), 12); // constant power
            var (ll, lr) = Panner.Mono(PanLaw.Linear, p);
            Assert.Equal(1.0, ll + lr, 12); // constant mono sum
            var (bl, br) = Panner.Mono(PanLaw.Balance, p);
            Assert.Equal(1.0, Math.Max(bl, br), 12); // the favoured side stays at unity
        }
    }

    [Theory]
    [InlineData("constant_power", PanLaw.ConstantPower, 0.5, -6.0)]
    [InlineData("linear", PanLaw.Linear, -0.25, 3.5)]
    [InlineData("compromise", PanLaw.Compromise, 0.0, -12.0)]
    [InlineData("balance", PanLaw.Balance, -1.0, 0.0)]
    public void MonoTrack_MixIsSourceTimesFaderTimesPan_ForEveryFrame(string lawName, PanLaw law, double pan, double gainDb)
    {
        _fx.Source("tone.wav", 1, Sine(440, 0.3));
        var (report, mix) = _fx.Render($$"""
            { "sample_rate": 48000, "pan_law": "{{lawName}}",
              "tracks": [ { "name": "tone", "source": "tone.wav", "gain_db": {{F(gainDb)}}, "pan": {{F(pan)}} } ] }
            """);
        var (l, r) = Panner.Mono(law, pan);
        var g = Math.Pow(10, gainDb / 20);
        Assert.Equal(48_000, report.Frames);
        for (var n = 0; n < 48_000; n++)
        {
            var x = 0.3 * Math.Sin(2 * Math.PI * 440 * n / 48_000);
            Assert.Equal(x * g * l, mix[0][n], Tolerance);
            Assert.Equal(x * g * r, mix[1][n], Tolerance);
        }
    }

    [Fact]
    public void StereoTrack_PanIsABalance_TheFavouredSideStaysAtUnity()
    {
        _fx.Source("stereo.wav", 1, (c, n) => c == 0 ? 0.25f : -0.5f, channels: 2);
        var (_, mix) = _fx.Render("""{ "tracks": [ { "name": "st", "source": "stereo.wav", "pan": -0.5 } ] }""");
        var right = Math.Sin(Math.PI / 8) / Math.Sin(Math.PI / 4); // constant power at -0.5 over its centre value
        Assert.All(mix[0], x => Assert.Equal(0.25, x, Tolerance));
        Assert.All(mix[1], x => Assert.Equal(-0.5 * right, x, Tolerance));
    }

    [Fact]
    public void TrimAndPolarity_ComeBeforeTheFader()
    {
        _fx.Source("dc.wav", 1, (_, _) => 0.5f);
        var (_, mix) = _fx.Render("""
            { "pan_law": "balance", "tracks": [ { "name": "dc", "source": "dc.wav", "trim_db": -6, "polarity": "inverted", "gain_db": -3 } ] }
            """);
        Assert.All(mix[0], x => Assert.Equal(-0.5 * Math.Pow(10, -9.0 / 20), x, Tolerance));
    }

    [Fact]
    public void MuteAndSolo_OnlySoloedUnmutedTracksSound_MuteWinsOverSolo()
    {
        _fx.Source("a.wav", 1, (_, _) => 0.001f);
        _fx.Source("b.wav", 1, (_, _) => 0.01f);
        _fx.Source("c.wav", 1, (_, _) => 0.1f);
        _fx.Source("d.wav", 1, (_, _) => 0.2f);
        const string Tracks = """
              { "name": "a", "source": "a.wav", "mute": true },
              { "name": "b", "source": "b.wav", "solo": SOLO_B },
              { "name": "c", "source": "c.wav" },
              { "name": "d", "source": "d.wav", "solo": SOLO_D, "mute": true }
            """;
        var (soloed, mix) = _fx.Render("""{ "pan_law": "balance", "tracks": [""" + Tracks.Replace("SOLO_B", "true").Replace("SOLO_D", "true") + "] }");
        Assert.All(mix[0], x => Assert.Equal(0.01, x, Tolerance));
        Assert.Equal([false, true, false, false], soloed.Tracks.Select(t => t.Audible));
        Assert.Null(soloed.Tracks[2].PeakDbfs);

        var (plain, mix2) = _fx.Render("""{ "pan_law": "balance", "tracks": [""" + Tracks.Replace("SOLO_B", "false").Replace("SOLO_D", "false") + "] }");
        Assert.All(mix2[0], x => Assert.Equal(0.11, x, Tolerance));
        Assert.Equal([false, true, true, false], plain.Tracks.Select(t => t.Audible));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Sends_PostFaderFollowTheFader_PreFaderDoNot(bool preFader)
    {
        _fx.Source("dc.wav", 1, (_, _) => 0.5f);
        var (report, mix) = _fx.Render($$"""
            { "pan_law": "balance",
              "tracks": [ { "name": "dc", "source": "dc.wav", "gain_db": -20, "sends": [ { "bus": "fx", "level_db": -6, "pre_fader": {{(preFader ? "true" : "false")}} } ] } ],
              "buses": [ { "name": "fx", "gain_db": -1 } ] }
            """);
        var fader = Math.Pow(10, -20.0 / 20);
        var send = Math.Pow(10, -6.0 / 20) * Math.Pow(10, -1.0 / 20);
        var expected = 0.5 * (fader + (preFader ? send : fader * send));
        Assert.All(mix[0], x => Assert.Equal(expected, x, Tolerance));
        Assert.Equal(20 * Math.Log10(0.5 * (preFader ? 1 : fader) * send), report.Buses[0].PeakDbfs!.Value, 4);
    }

    [Fact]
    public void Buses_ChainToTheMaster_AndAMutedBusSilencesWhatGoesThroughIt()
    {
        _fx.Source("a.wav", 1, (_, _) => 0.5f);
        _fx.Source("b.wav", 1, (_, _) => 0.25f);
        var (_, mix) = _fx.Render("""
            { "pan_law": "balance",
              "tracks": [ { "name": "a", "source": "a.wav", "output": "drums" }, { "name": "b", "source": "b.wav", "output": "dead" } ],
              "buses": [ { "name": "group", "gain_db": -6, "pan": 0.5 }, { "name": "drums", "gain_db": -3, "output": "group" },
                         { "name": "dead", "mute": true } ],
              "master": { "gain_db": 2 } }
            """);
        var g = 0.5 * Math.Pow(10, (-6 - 3 + 2) / 20.0);
        var (l, r) = Panner.Stereo(PanLaw.Balance, 0.5);
        Assert.All(mix[0], x => Assert.Equal(g * l, x, Tolerance));
        Assert.All(mix[1], x => Assert.Equal(g * r, x, Tolerance));
    }

    [Fact]
    public void Regions_PlaceTheSourceWithInPointsGainAndFades()
    {
        // The source counts its frames, so every output sample tells which source frame it came from.
        _fx.Source("ramp.wav", 2, (_, n) => n / 100_000f);
        var (report, mix) = _fx.Render("""
            { "pan_law": "balance",
              "tracks": [ { "name": "r", "source": "ramp.wav", "regions": [
                { "start_s": 0.5, "source_in_s": 1.0, "length_s": 0.25, "gain_db": -6 },
                { "start_s": 1.0, "source_in_s": 0.0, "length_s": 0.5, "fade_in_s": 0.1, "fade_out_s": 0.1 } ] } ] }
            """);
        Assert.Equal(72_000, report.Frames); // ends with the last region
        var g = Math.Pow(10, -6 / 20.0);
        Assert.Equal(0f, mix[0][23_999]);
        Assert.Equal(48_000 / 100_000.0 * g, mix[0][24_000], Tolerance);
        Assert.Equal(59_999 / 100_000.0 * g, mix[0][35_999], Tolerance);
        Assert.Equal(0f, mix[0][36_000]);
        Assert.Equal(0f, mix[0][48_000]); // the fade in starts at zero
        Assert.Equal(0.5 * (1 - Math.Cos(Math.PI * 0.5)) * 2_400 / 100_000.0, mix[0][48_000 + 2_400], Tolerance);
        Assert.Equal(10_000 / 100_000.0, mix[0][58_000], Tolerance); // after the fade in, before the fade out
        Assert.True(Math.Abs(mix[0][71_999]) < 1e-4, "the fade out ends at silence");
    }

    [Fact]
    public void ArrangementMutes_SilenceTheirStretch_WithShortRampsOutsideIt()
    {
        _fx.Source("dc.wav", 2, (_, _) => 0.5f);
        var (_, mix) = _fx.Render("""
            { "pan_law": "balance", "tracks": [ { "name": "dc", "source": "dc.wav", "mutes": [ { "start_s": 0.5, "end_s": 1.0 } ] } ] }
            """);
        for (var n = 24_000; n <= 48_000; n++)
        {
            Assert.Equal(0f, mix[0][n]);
        }

        Assert.Equal(0.5, mix[0][24_000 - 240], Tolerance); // 5 ms ramps
        Assert.Equal(0.5, mix[0][48_000 + 240], Tolerance);
        Assert.Equal(0.25, mix[0][24_000 - 120], 1e-3);
        for (var n = 23_000; n < 49_500; n++)
        {
            Assert.True(Math.Abs(mix[0][n + 1] - mix[0][n]) < 0.5 * Math.PI / 240 / 2 * 1.01, $"a step at {n}");
        }
    }

    public void Dispose() => _fx.Dispose();
}
