using RenderFarm.Audio;
using RenderFarm.Mastering.Albums;
using RenderFarm.Mastering.Cd;
using RenderFarm.Mastering.Profiles;
using RenderFarm.Mastering.Targets;
using RenderFarm.Testing;

namespace RenderFarm.Mastering.Tests.Albums;

/// <summary>
/// Albums that cannot be made fail with a reason a person can act on, naming the file or the field: a
/// corrupt song, a crossfade longer than its song, a track under the Red Book's 4 s, and documents that
/// break the running order's rules; nothing is left in the output folder but what was finished.
/// </summary>
public sealed class AlbumErrorTests : IDisposable
{
    private readonly string _folder = Material.TempFolder("album-errors");

    private static MasteringProfile Profile => MasteringProfile.ForTarget(DeliveryTargets.Spotify) with { Deliverables = [new DeliverableSpec { Format = DeliverableFormat.Cd }] };

    [Fact]
    public void CorruptSong_FailsNamingTheFile_AndLeavesNoWorkFolder()
    {
        var good = Piece("good", 6);
        var bad = Path.Combine(_folder, "bad.wav");
        File.WriteAllBytes(bad, [.. File.ReadAllBytes(good).Take(60)]);
        var output = Path.Combine(_folder, "out");
        var e = Assert.ThrowsAny<AudioFileException>(() => new AlbumJob(Profile).Run(Album(good, bad), output, cancellationToken: TestContext.Current.CancellationToken));
        Assert.Contains("bad.wav", e.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.GetDirectories(output, ".renderfarm-*"));
    }

    [Fact]
    public void CrossfadeLongerThanItsSong_AndShortTrack_AreRefusedNamingTheRule()
    {
        var six = Piece("six", 6);
        var three = Piece("three", 3);
        var e = Assert.Throws<ProfileException>(() => new AlbumJob(Profile).Run(Album(six, six) with
        {
            Songs = [new AlbumSong { Path = six }, new AlbumSong { Path = six, CrossfadeSeconds = 7 }],
        }, Path.Combine(_folder, "fade"), cancellationToken: TestContext.Current.CancellationToken));
        Assert.Contains("$.songs[1].crossfade_seconds", e.Message, StringComparison.Ordinal);

        var red = Assert.Throws<RedBookException>(() => new AlbumJob(Profile).Run(Album(six, three), Path.Combine(_folder, "short"), cancellationToken: TestContext.Current.CancellationToken));
        Assert.Contains(red.Violations, v => v.Rule == RedBook.TrackLength && v.Track == 2);
        Assert.False(File.Exists(Path.Combine(_folder, "short", "ddp", DdpImage.ImageName)));
    }

    [Theory]
    [InlineData("""{ "songs": [] }""", "$.songs")]
    [InlineData("""{ "songs": [ { "path": "a.wav" }, { "path": "b.wav", "hidden": true } ] }""", "$.songs[1].hidden")]
    [InlineData("""{ "songs": [ { "path": "a.wav", "crossfade_seconds": 2 } ] }""", "$.songs[0].crossfade_seconds")]
    [InlineData("""{ "songs": [ { "path": "a.wav" }, { "path": "b.wav", "crossfade_seconds": 2, "gap_seconds": 1 } ] }""", "$.songs[1].gap_seconds")]
    [InlineData("""{ "songs": [ { "path": "a.wav", "isrc": "XX" } ] }""", "$.songs[0].isrc")]
    [InlineData("""{ "upc": "123", "songs": [ { "path": "a.wav" } ] }""", "$.upc")]
    [InlineData("""{ "mode": "loud", "songs": [ { "path": "a.wav" } ] }""", "$.mode")]
    [InlineData("""{ "songs": [ { "path": "a.wav", "gap_seconds": 600 } ] }""", "$.songs[0].gap_seconds")]
    [InlineData("""{ "songs": [ { "path": "a.wav", "colour": "red" } ] }""", "$.songs[0].colour")]
    public void BadDocuments_AreRefusedNamingTheField(string json, string field)
    {
        var e = Assert.Throws<ProfileException>(() => AlbumLoader.Parse(json));
        Assert.StartsWith(field, e.Message, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static Album Album(params string[] paths) => new() { Title = "Errors", Songs = [.. paths.Select(p => new AlbumSong { Path = p })] };

    private string Piece(string name, double seconds)
    {
        var path = Path.Combine(_folder, name + ".wav");
        Tools.Ffmpeg("-t", seconds.ToString(System.Globalization.CultureInfo.InvariantCulture), "-i", Material.Song(0), "-c:a", "pcm_s24le", path);
        return path;
    }
}
