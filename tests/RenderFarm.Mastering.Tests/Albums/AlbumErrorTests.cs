using RenderFarm.Audio;
using RenderFarm.Mastering.Albums;
using RenderFarm.Mastering.Cd;
using RenderFarm.Mastering.Profiles;
using RenderFarm.Mastering.Targets;
using RenderFarm.Testing;

namespace RenderFarm.Mastering.Tests.Albums;

/// <summary>
/// Albums that cannot be made fail with a reason a person can act on, naming the file or the field: a
/// corrupt song, a crossfade longer than its song, a track under the Red Book's 4 s (judged from the songs'
/// headers before anything is mastered), several bad songs (the first in order named), and documents that
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
        // With a disc, the songs' headers are read first; without one, the song fails where it is mastered,
        // and the job's work folder goes with it.
        var output = Path.Combine(_folder, "out");
        var e = Assert.ThrowsAny<AudioFileException>(() => new AlbumJob(Profile).Run(Album(good, bad), output, cancellationToken: TestContext.Current.CancellationToken));
        Assert.Contains("bad.wav", e.Message, StringComparison.Ordinal);
        var flac = Profile with { Deliverables = [new DeliverableSpec { Format = DeliverableFormat.Flac }] };
        e = Assert.ThrowsAny<AudioFileException>(() => new AlbumJob(flac).Run(Album(good, bad), output, cancellationToken: TestContext.Current.CancellationToken));
        Assert.Contains("bad.wav", e.Message, StringComparison.Ordinal);
        Assert.True(Directory.Exists(output));
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

    [Fact]
    public void DiscRules_AreJudgedFromTheSongsHeaders_BeforeAnySongIsMastered()
    {
        // The first song holds a NaN that mastering would stop at; the disc's broken rules are found before it.
        var nan = NaNPiece("nan", 6, 2.0);
        var three = Piece("three", 3);
        var album = Album(nan, three) with { Songs = [new AlbumSong { Path = nan, Title = "東京" }, new AlbumSong { Path = three }] };
        var red = Assert.Throws<RedBookException>(() => new AlbumJob(Profile).Run(album, Path.Combine(_folder, "early"), cancellationToken: TestContext.Current.CancellationToken));
        Assert.Equal([(RedBook.CdText, (int?)1), (RedBook.TrackLength, 2)], red.Violations.Select(v => (v.Rule, v.Track)).Order().ToArray());

        // An MP3's headers give its duration, not its frames: its length is judged from that.
        var mp3 = Path.Combine(_folder, "three.mp3");
        Tools.Ffmpeg("-t", "3", "-i", Material.Song(0), "-c:a", "libmp3lame", "-b:a", "192k", mp3);
        var fromMp3 = Assert.Throws<RedBookException>(() => new AlbumJob(Profile).Run(Album(Piece("six-again", 6), mp3), Path.Combine(_folder, "mp3"), cancellationToken: TestContext.Current.CancellationToken));
        Assert.Equal((RedBook.TrackLength, (int?)2), (Assert.Single(fromMp3.Violations).Rule, fromMp3.Violations[0].Track));

        // Without a disc in the profile the same album is mastered until the NaN stops it, naming the file.
        var flac = Profile with { Deliverables = [new DeliverableSpec { Format = DeliverableFormat.Flac }] };
        var e = Assert.ThrowsAny<AudioFileException>(() => new AlbumJob(flac).Run(album, Path.Combine(_folder, "late"), cancellationToken: TestContext.Current.CancellationToken));
        Assert.Contains("nan.wav", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SeveralBadSongs_TheFirstInTheAlbumsOrderIsTheOneNamed()
    {
        // The later song fails at once, the earlier one 5 s in: whichever thread gets there first, the error is the first song's.
        var good = Piece("good", 6);
        var late = NaNPiece("late", 6, 5.0);
        var early = NaNPiece("early", 6, 0.01);
        var flac = Profile with { Deliverables = [new DeliverableSpec { Format = DeliverableFormat.Flac }] };
        for (var run = 0; run < 3; run++)
        {
            var e = Assert.ThrowsAny<AudioFileException>(() => new AlbumJob(flac).Run(Album(good, late, early), Path.Combine(_folder, $"order-{run}"), cancellationToken: TestContext.Current.CancellationToken));
            Assert.Contains("late.wav", e.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void SilentSong_HasNoPlaybackGain_AndTheAlbumAroundItIsMastered()
    {
        // Digital silence has no loudness: no gain to play it at (not "+Infinity dB"), and it moves no album figure.
        var song = Piece("song", 8);
        var silence = Path.Combine(_folder, "silence.wav");
        Tools.Ffmpeg("-f", "lavfi", "-i", "anullsrc=r=44100:cl=stereo", "-t", "6", "-c:a", "pcm_s24le", silence);
        var profile = Profile with
        {
            Deliverables = [new DeliverableSpec { Format = DeliverableFormat.Flac }, new DeliverableSpec { Format = DeliverableFormat.Opus }, new DeliverableSpec { Format = DeliverableFormat.Cd }],
        };
        var report = new AlbumJob(profile).Run(Album(song, silence) with { Title = "Vol. 2: Café" }, Path.Combine(_folder, "silent"), cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(-14, report.AlbumLufs, 0.1);
        Assert.True(report.TrackModeAlbumLufs is { } t && double.IsFinite(t), $"track mode's album {report.TrackModeAlbumLufs}");
        Assert.Equal("Vol_2_Cafe.wav", Path.GetFileName(report.Disc?.ImageWav)); // the CUE sheet names it in ISO-8859-1: ASCII only

        // The album's QC carries each song's own findings, staged by track: the silent song's silence is there.
        var text = Contracts.Reports.ReportJson.Write(Reports.AlbumDocument.Build(report));
        Assert.Contains("\"album\"", text, StringComparison.Ordinal);
        var json = System.Text.Json.Nodes.JsonNode.Parse(text)!;
        var findings = json["qc"]!.AsArray().Select(f => (Stage: (string)f!["stage"]!, Kind: (string)f["kind"]!)).ToArray();
        Assert.Contains(("track 2 input", "silence_head"), findings);
        Assert.Equal(report.Songs[1].Qc.Count, findings.Count(f => f.Stage.StartsWith("track 2 ", StringComparison.Ordinal)));

        string File(string format, int track) => report.Tracks.Single(d => d.Format == format && Path.GetFileName(d.Path).StartsWith($"{track:00}-", StringComparison.Ordinal)).Path;
        var loud = Tools.Tags(Tools.Probe(File("flac", 1)));
        var quiet = Tools.Tags(Tools.Probe(File("flac", 2)));
        Assert.Contains("REPLAYGAIN_TRACK_GAIN", loud.Keys);
        Assert.DoesNotContain("REPLAYGAIN_TRACK_GAIN", quiet.Keys);
        Assert.Equal(loud["REPLAYGAIN_ALBUM_GAIN"], quiet["REPLAYGAIN_ALBUM_GAIN"]);
        Assert.Contains("R128_TRACK_GAIN", Tools.Tags(Tools.Probe(File("opus", 1))).Keys);
        Assert.DoesNotContain("R128_TRACK_GAIN", Tools.Tags(Tools.Probe(File("opus", 2))).Keys);
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

    [Fact]
    public void ZeroCrossfade_IsNoCrossfade_AndKeepsTheAlbumsGap()
    {
        // A gapless album whose songs say "crossfade_seconds": 0 stays gapless (it once fell back to 2 s gaps).
        var album = AlbumLoader.Parse("""{ "gap_seconds": 0, "songs": [ { "path": "a.wav" }, { "path": "b.wav", "crossfade_seconds": 0 }, { "path": "c.wav", "crossfade_seconds": 3 } ] }""");
        Assert.Equal([(0.0, 0.0), (0.0, 0.0), (null, 3.0)], album.Songs.Select(s => (s.GapSeconds, s.CrossfadeSeconds)).ToArray());
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static Album Album(params string[] paths) => new() { Title = "Errors", Songs = [.. paths.Select(p => new AlbumSong { Path = p })] };

    // Float silence with one NaN sample at `at` seconds: its header reads well, its samples do not.
    private string NaNPiece(string name, double seconds, double at)
    {
        var path = Path.Combine(_folder, name + ".wav");
        var data = new byte[(int)(seconds * 44_100) * 2 * 4];
        BitConverter.TryWriteBytes(data.AsSpan((int)(at * 44_100) * 2 * 4), float.NaN);
        File.WriteAllBytes(path, WavFixtures.Build("RIFF", ("fmt ", WavFixtures.Fmt(3, 2, 44_100, 32), null), ("data", data, null)));
        return path;
    }

    private string Piece(string name, double seconds) => Material.Piece(_folder, name, 0, 0, seconds);
}
