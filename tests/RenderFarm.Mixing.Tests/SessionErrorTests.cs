using RenderFarm.Mixing.Sessions;
using static RenderFarm.Mixing.Tests.MixFixture;

namespace RenderFarm.Mixing.Tests;

/// <summary>What is wrong with a session is found before anything renders, and said with the JSON path of the field and what is accepted.</summary>
public sealed class SessionErrorTests : IDisposable
{
    private readonly MixFixture _fx = new("mix-errors");

    public static TheoryData<string, string, string> Documents => new()
    {
        { """{ "tracks": [ { "name": "a", "source": "a.wav", "inserts": [ { "type": "flanger" } ] } ] }""", "$.tracks[0].inserts[0].type", "accepted eq, compressor" },
        { """{ "tracks": [ { "name": "a", "source": "a.wav", "inserts": [ { "type": "compressor", "ratio": 0.5 } ] } ] }""", "$.tracks[0].inserts[0].ratio", "" },
        { """{ "tracks": [ { "name": "a", "source": "a.wav", "inserts": [ { "type": "reverb", "wetness": 1 } ] } ] }""", "$.tracks[0].inserts[0].wetness", "" },
        { """{ "tracks": [ { "name": "a", "source": "a.wav", "gain_db": 1e308 } ] }""", "$.tracks[0].gain_db", "-144" },
        { """{ "tracks": [ { "name": "a", "source": "a.wav", "pan": "left" } ] }""", "$.tracks[0].pan", "" },
        { """{ "tracks": [ { "name": "a", "source": "a.wav", "output": "drums" } ] }""", "$.tracks[0].output", "accepted master" },
        { """{ "tracks": [ { "name": "a", "source": "a.wav", "sends": [ { "bus": "verb" } ] } ] }""", "$.tracks[0].sends[0].bus", "is not a bus" },
        { """{ "tracks": [ { "name": "a", "source": "a.wav" }, { "name": "a", "source": "b.wav" } ] }""", "$.tracks[1].name", "already" },
        { """{ "tracks": [ { "name": "a", "source": "a.wav" } ], "buses": [ { "name": "x", "output": "y" }, { "name": "y", "output": "x" } ] }""", "$.buses[0].output", "loops" },
        { """{ "tracks": [ { "name": "a", "source": "a.wav", "automation": [ { "parameter": "inserts[0].threshold_db", "points": [ { "time_s": 0, "value": -20 } ] } ] } ] }""", "$.tracks[0].automation[0].parameter", "accepted gain_db, pan, trim_db" },
        { """{ "tracks": [ { "name": "a", "source": "a.wav", "inserts": [ { "type": "compressor" } ], "automation": [ { "parameter": "inserts[0].ratio", "points": [ { "time_s": 0, "value": 2 }, { "time_s": 1, "value": 500 } ] } ] } ] }""", "$.tracks[0].automation[0].points", "500" },
        { """{ "tracks": [ { "name": "a", "source": "a.wav", "automation": [ { "parameter": "pan", "points": [ { "time_s": 2, "value": 0 }, { "time_s": 1, "value": 1 } ] } ] } ] }""", "$.tracks[0].automation[0].points[1].time_s", "time order" },
        { """{ "tracks": [ { "name": "a", "source": "a.wav", "regions": [ { "start_s": 0, "length_s": 2 }, { "start_s": 1 } ] } ] }""", "$.tracks[0].regions[1].start_s", "overlap" },
        { """{ "tracks": [ { "name": "a", "source": "a.wav", "regions": [ { "length_s": 1, "fade_in_s": 0.8, "fade_out_s": 0.8 } ] } ] }""", "$.tracks[0].regions[0].fade_out_s", "longer than the region" },
        { """{ "version": 2, "tracks": [] }""", "$.version", "accepted 1" },
        { """{ "sample_rate": -48000, "tracks": [] }""", "$.sample_rate", "" },
        { """{ "tracks": [ { "name": "a", "source": "a.wav", "inserts": [ { "type": "delay", "note": "1/7" } ] } ] }""", "$.tracks[0].inserts[0].note", "" },
        { """{ "tracks": [ { "name": "a", "source": "a.wav", "inserts": [ { "type": "eq", "bands": [ { "type": "high_pass", "frequency_hz": 80, "gain_db": 3 } ] } ] } ] }""", "$.tracks[0].inserts[0].bands[0].gain_db", "has no gain" },
        { """{ "tracks": [ { "name": "a", "source": "a.wav" } ], "buses": [ { "name": "master" } ] }""", "$.buses[0].name", "master" },
        { """{ "tracks": [ { "name": "a", "source": "a.wav" } ], "colour": "red" }""", "$.colour", "" },
        { """{ "tracks": [ { "name": "a" """, "$", "" },
    };

    [Theory]
    [MemberData(nameof(Documents))]
    public void BadDocument_NamesTheFieldAndWhatIsAccepted(string json, string field, string says)
    {
        var e = Assert.Throws<SessionException>(() => SessionLoader.Parse(json, _fx.Folder));
        Assert.StartsWith(field, e.Message, StringComparison.Ordinal);
        Assert.Contains(says, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadingAFile_NamesTheFileAndTheField()
    {
        var path = _fx.SessionFile("s.json", """{ "tracks": [ { "name": "a", "source": "a.wav", "pan": 3 } ] }""");
        var e = Assert.Throws<SessionException>(() => SessionLoader.Load(path));
        Assert.StartsWith($"{path}: $.tracks[0].pan", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingSource_IsFoundBeforeRendering_AndNothingIsWritten()
    {
        _fx.Source("a.wav", 1, (_, _) => 0.1f);
        var session = _fx.Session("""{ "tracks": [ { "name": "a", "source": "a.wav" }, { "name": "b", "source": "gone.wav" } ] }""");
        var output = Path.Combine(_fx.Folder, "mix.wav");
        var e = Assert.Throws<SessionException>(() => MixRenderer.Render(session, output, cancellation: TestContext.Current.CancellationToken));
        Assert.StartsWith("$.tracks[1].source", e.Message, StringComparison.Ordinal);
        Assert.Contains("gone.wav", e.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(_fx.Folder, "mix*"));
    }

    [Fact]
    public void SourceOutsideTheMediaRoot_IsRefused()
    {
        var session = _fx.Session("""{ "tracks": [ { "name": "a", "source": "../../../../../../etc/passwd" } ] }""");
        var e = Assert.Throws<SessionException>(() => MixRenderer.Render(session, Path.Combine(_fx.Folder, "mix.wav"), cancellation: TestContext.Current.CancellationToken));
        Assert.Contains("outside the media root", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnreadableAndManyChannelSources_NameTheFile()
    {
        File.WriteAllText(Path.Combine(_fx.Folder, "text.wav"), "not audio at all");
        _fx.Source("six.wav", 1, (_, _) => 0f, channels: 6);
        foreach (var (name, says) in new[] { ("text.wav", "cannot be read"), ("six.wav", "6 channels") })
        {
            var session = _fx.Session($$"""{ "tracks": [ { "name": "a", "source": "{{name}}" } ] }""");
            var e = Assert.Throws<SessionException>(() => MixRenderer.Render(session, Path.Combine(_fx.Folder, "mix.wav"), cancellation: TestContext.Current.CancellationToken));
            Assert.StartsWith("$.tracks[0].source", e.Message, StringComparison.Ordinal);
            Assert.Contains(says, e.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void NaNInASource_FailsTheRender_NamingFileAndTime_AndLeavesNoMix()
    {
        // A float file with a NaN at frame 60000 (our writer refuses to write one, so patch it in).
        var path = _fx.Source("bad.wav", 2, (_, _) => 0.1f);
        var bytes = File.ReadAllBytes(path);
        var data = bytes.AsSpan().IndexOf("data"u8) + 8;
        BitConverter.TryWriteBytes(bytes.AsSpan(data + (60_000 * 4)), float.NaN);
        File.WriteAllBytes(path, bytes);
        var session = _fx.Session("""{ "tracks": [ { "name": "a", "source": "bad.wav" } ] }""");
        var e = Assert.Throws<SessionException>(() => MixRenderer.Render(session, Path.Combine(_fx.Folder, "mix.wav"), cancellation: TestContext.Current.CancellationToken));
        Assert.StartsWith("$.tracks[0].source", e.Message, StringComparison.Ordinal);
        Assert.Contains("'bad.wav'", e.Message, StringComparison.Ordinal);
        Assert.Contains("1.250 s", e.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(_fx.Folder, "*mix.wav*"));
    }

    [Fact]
    public void SourceAtAnotherRate_IsResampledWithANote_AndKeepsItsPitchAndLength()
    {
        _fx.Source("tone44.wav", 2, Sine(1000, 0.5, 44_100), rate: 44_100);
        var (report, mix) = _fx.Render("""{ "pan_law": "balance", "tracks": [ { "name": "t", "source": "tone44.wav" } ] }""");
        Assert.Contains(report.Notes, n => n.Contains("44100 Hz; resampled to the session's 48000 Hz", StringComparison.Ordinal));
        Assert.Equal(96_000, report.Frames);
        var fit = Testing.SignalAnalysis.FitSine(mix[0].AsSpan(24_000, 48_000), 1000, 48_000, 24_000);
        Assert.Equal(0.5, fit.Amplitude, 0.005);
        Assert.True(fit.ResidualRms < 1e-3, $"residual {fit.ResidualRms}");
    }

    [Fact]
    public void MissingOrForeignStems_AreRefusedByTheMixdown()
    {
        _fx.Source("a.wav", 1, (_, _) => 0.1f);
        var session = _fx.Session("""{ "tracks": [ { "name": "a", "source": "a.wav" } ] }""");
        var stems = Path.Combine(_fx.Folder, "stems");
        var e = Assert.Throws<SessionException>(() => MixRenderer.Mixdown(session, stems, Path.Combine(_fx.Folder, "mix.wav"), cancellation: TestContext.Current.CancellationToken));
        Assert.Contains("the stem is missing", e.Message, StringComparison.Ordinal);

        MixRenderer.RenderStems(session with { LengthSeconds = 0.5 }, 0, stems, cancellation: TestContext.Current.CancellationToken);
        e = Assert.Throws<SessionException>(() => MixRenderer.Mixdown(session, stems, Path.Combine(_fx.Folder, "mix.wav"), cancellation: TestContext.Current.CancellationToken));
        Assert.Contains("24000 frames; this session's stems are 2 channels, 48000 Hz, Float32, 48000 frames", e.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _fx.Dispose();
}
