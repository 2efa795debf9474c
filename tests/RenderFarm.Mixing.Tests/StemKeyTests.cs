using RenderFarm.Mixing.Rendering;
using static RenderFarm.Mixing.Tests.MixFixture;

namespace RenderFarm.Mixing.Tests;

/// <summary>A stem's cache key changes with what changes its samples, and with nothing else.</summary>
public sealed class StemKeyTests : IDisposable
{
    private const string Session = """
        { "tracks": [
            { "name": "a", "source": "a.wav", "gain_db": GAIN, "inserts": [ { "type": "compressor", "ratio": RATIO } ], "sends": [ { "bus": "fx" } ] },
            { "name": "b", "source": "b.wav", "pan": PAN, "mute": MUTE } ],
          "buses": [ { "name": "fx", "inserts": [ { "type": "reverb" } ] } ] }
        """;

    private readonly MixFixture _fx = new("mix-stemkey");

    public StemKeyTests()
    {
        _fx.Source("a.wav", 2, Sine(220, 0.3));
        _fx.Source("b.wav", 2, Sine(330, 0.3));
    }

    [Fact]
    public void Key_FollowsWhatTheStemDependsOn()
    {
        string Key(int track, string gain = "-3", string ratio = "2", string pan = "0", string mute = "false") =>
            StemKey.For(_fx.Session(Session.Replace("GAIN", gain).Replace("RATIO", ratio).Replace("PAN", pan).Replace("MUTE", mute)), track);

        var a = Key(0);
        Assert.Equal(64, a.Length);
        Assert.Equal(a, Key(0));
        Assert.Equal(a, Key(0, pan: "0.5"));   // another track's settings
        Assert.Equal(a, Key(0, mute: "true")); // another track's mute
        Assert.NotEqual(a, Key(0, gain: "-4"));
        Assert.NotEqual(a, Key(0, ratio: "3"));
        Assert.NotEqual(Key(1), Key(1, pan: "0.5"));

        // The source's content, not its name or date.
        _fx.Source("a.wav", 2, Sine(220, 0.31));
        Assert.NotEqual(a, Key(0));
    }

    [Fact]
    public void EqualKeys_MeanEqualStems()
    {
        var session = _fx.Session(Session.Replace("GAIN", "-3").Replace("RATIO", "2").Replace("PAN", "0").Replace("MUTE", "false"));
        var one = MixRenderer.RenderStems(session, 0, Path.Combine(_fx.Folder, "one"), cancellation: TestContext.Current.CancellationToken);
        var renamed = session with { Tracks = [session.Tracks[0] with { Name = "renamed" }, session.Tracks[1]] };
        var two = MixRenderer.RenderStems(renamed, 0, Path.Combine(_fx.Folder, "two"), cancellation: TestContext.Current.CancellationToken);
        Assert.Equal(StemKey.For(session, 0), StemKey.For(renamed, 0));
        Assert.Equal(one.Select(s => s.Sha256), two.Select(s => s.Sha256));
    }

    public void Dispose() => _fx.Dispose();
}
