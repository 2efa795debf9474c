using System.Net;
using System.Net.Http.Json;
using RenderFarm.Grains;
using RenderFarm.Host.Tests.Api;
using RenderFarm.Mastering.Cd;
using RenderFarm.Testing;

namespace RenderFarm.Host.Tests;

/// <summary>
/// An album as a title of the embedded farm: an <c>*.album.json</c> document beside its songs becomes one
/// title mastered in one task, beside an ordinary mix in the same catalogue. Its per-track files, disc image,
/// CUE sheet and DDP image are recorded as its outputs with their hashes, the DDP reads back and checks, and
/// the title's loudness is the album's, on the target. An album whose song lies outside the media root, or
/// that breaks the album rules or, when the profile makes a CD, the Red Book's, is refused at submission naming
/// the document and the field or rule.
/// </summary>
public sealed class AlbumFarmTests : IAsyncDisposable
{
    private readonly string _folder = Material.TempFolder("album-farm");

    [Fact]
    public async Task AlbumDocument_IsOneTitle_MasteredWithItsDiscAndTracks()
    {
        var media = Path.Combine(_folder, "media");
        var albumFolder = Path.Combine(media, "albums", "blupi");
        Directory.CreateDirectory(Path.Combine(albumFolder, "songs"));
        Directory.CreateDirectory(Path.Combine(media, "mixes"));
        for (var i = 0; i < 3; i++)
        {
            Tools.Ffmpeg("-ss", "5", "-t", "12", "-i", Material.Song(i), "-af", i == 1 ? "volume=-8dB" : "volume=0dB", "-c:a", "pcm_s24le", Path.Combine(albumFolder, "songs", $"song{i}.wav"));
        }

        Tools.Ffmpeg("-t", "8", "-i", Material.Song(3), "-c:a", "pcm_s24le", Path.Combine(media, "mixes", "single.wav"));
        File.WriteAllText(Path.Combine(albumFolder, "blupi.album.json"), """
            {
              "title": "Farm Album", "artist": "Blupi", "upc": "5012345678900", "reference": "songs/song2.wav", "reference_amount": 0,
              "songs": [
                { "path": "songs/song0.wav", "title": "One", "isrc": "GBRFD2600101" },
                { "path": "songs/song1.wav", "title": "Two", "isrc": "GBRFD2600102" },
                { "path": "songs/song2.wav", "title": "Three", "isrc": "GBRFD2600103", "crossfade_seconds": 2 }
              ]
            }
            """);
        File.WriteAllText(Path.Combine(albumFolder, "outside.album.json"), """{ "songs": [ { "path": "../../../../outside.wav" } ] }""");
        File.WriteAllText(Path.Combine(albumFolder, "outside-reference.album.json"), """{ "reference": "../../../../ref.wav", "songs": [ { "path": "songs/song0.wav" } ] }""");
        File.WriteAllText(Path.Combine(albumFolder, "hidden-late.album.json"), """{ "songs": [ { "path": "songs/song0.wav" }, { "path": "songs/song1.wav", "hidden": true } ] }""");

        // A disc the Red Book refuses, told at submission from the songs' headers (the profile makes a CD).
        Tools.Ffmpeg("-t", "3", "-i", Material.Song(0), "-c:a", "pcm_s24le", Path.Combine(albumFolder, "songs", "short.wav"));
        File.WriteAllText(Path.Combine(albumFolder, "short-track.album.json"), """{ "songs": [ { "path": "songs/song0.wav" }, { "path": "songs/short.wav" } ] }""");

        await using var host = new HostProcess(media, Path.Combine(_folder, "data"));
        await host.Start();

        foreach (var (document, field) in new[] { ("outside.album.json", "songs[0].path"), ("outside-reference.album.json", "reference"), ("hidden-late.album.json", "$.songs[1].hidden"), ("short-track.album.json", "track 2: 3.00 s from index 1: a track lasts at least 4 s") })
        {
            var refused = await host.Client.PostAsJsonAsync(new Uri("api/catalogs", UriKind.Relative), new { name = "bad", sources = new[] { $"albums/blupi/{document}" }, profile = "spotify" }, TestContext.Current.CancellationToken);
            var body = await refused.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
            Assert.True(refused.StatusCode == HttpStatusCode.BadRequest, $"{document}: {refused.StatusCode} {body}");
            Assert.Contains(document, body, StringComparison.Ordinal);
            Assert.Contains(field, body, StringComparison.Ordinal);
        }

        var done = await host.UntilEnded(await host.SubmitWith("spotify", "albums/blupi/blupi.album.json", "mixes"), TimeSpan.FromMinutes(3));
        Assert.True(done.Status == JobStatus.Succeeded, string.Join("; ", done.Titles.Select(t => $"{t.Spec.Source}: {t.Status} {t.Error}")) + "\n" + host.Log);
        var album = done.Titles.Single(t => t.Spec.Kind == TitleKind.Album);
        Assert.Equal("Farm Album", album.Spec.Tags.Title);
        Assert.Single(album.Tasks);
        Assert.Equal(TitleKind.Mix, done.Titles.Single(t => t.TitleId != album.TitleId).Spec.Kind);

        // Every output recorded with the hash of what is on disk: three tracks in each release format, the disc, the DDP.
        var outputs = album.Outputs.Select(o => o.Path).ToArray();
        foreach (var output in album.Outputs)
        {
            using var stream = File.OpenRead(Path.Combine(media, output.Path));
            Assert.Equal(output.Sha256, Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(stream)));
        }

        Assert.Equal(3, outputs.Count(p => p.Contains("/tracks/", StringComparison.Ordinal) && p.EndsWith(".flac", StringComparison.Ordinal)));
        Assert.Contains(outputs, p => p.EndsWith("/cd/Farm_Album.cue", StringComparison.Ordinal));
        Assert.Contains(outputs, p => p.EndsWith("/ddp/IMAGE.DAT", StringComparison.Ordinal));
        Assert.Contains(outputs, p => p.EndsWith("/album-report.json", StringComparison.Ordinal));

        var ddpFolder = Path.Combine(media, album.Spec.OutputDirectory, "album", "ddp");
        Assert.Empty(DdpImage.Verify(ddpFolder));
        var disc = DdpImage.Read(ddpFolder).Disc;
        Assert.Equal(["One", "Two", "Three"], disc.Tracks.Select(t => t.Title).ToArray());
        Assert.Equal(["GBRFD2600101", "GBRFD2600102", "GBRFD2600103"], disc.Tracks.Select(t => t.Isrc).ToArray());
        Assert.Equal(0, disc.Tracks[2].PregapFrames);

        // The title's loudness is the album's: on the target in album mode, the quiet song kept quiet.
        Assert.NotNull(album.Loudness);
        Assert.Equal(-14.0, album.Loudness!.OutputLufs!.Value, 0.1);
        Assert.True(album.Loudness.TargetMet);
        var detail = await host.Get<TitleDetailView>($"api/titles/{album.TitleId}");
        Assert.Null(detail.ReportError);
        var report = detail.Report!.Value;
        Assert.EndsWith("/album-report.json", detail.Title.ReportFile, StringComparison.Ordinal);
        var songs = report.GetProperty("album").GetProperty("songs").EnumerateArray().Select(s => s.GetProperty("output_lufs").GetDouble()).ToArray();
        Assert.InRange(songs[0] - songs[1], 5, 11);

        // The album's own reference, found beside its document in the media root (at 0 %: nothing changes, but it is matched and reported).
        var match = report.GetProperty("album").GetProperty("reference");
        Assert.Equal("albums/blupi/songs/song2.wav", match.GetProperty("path").GetString());
        Assert.Equal(0, match.GetProperty("filters").GetArrayLength());
        Assert.True(match.GetProperty("distance_before_db").GetDouble() > 0);

        // The title page (rendered on the server) shows the album: each song against it, the disc and its files, the tracks.
        var page = WebUtility.HtmlDecode(await host.Client.GetStringAsync(new Uri($"catalogues/{done.CatalogId}/titles/{album.TitleId[(album.TitleId.LastIndexOf('/') + 1)..]}", UriKind.Relative), TestContext.Current.CancellationToken));
        Assert.Contains(">Album</h2>", page, StringComparison.Ordinal);
        Assert.Contains("Album mode</b>: the album at <b>", page, StringComparison.Ordinal);
        Assert.Matches("(No song stands out from the album|[1-3] of 3 songs stand out from the album)", page);
        Assert.Contains(">The disc</h3>", page, StringComparison.Ordinal);
        Assert.Contains("UPC/EAN 5012345678900", page, StringComparison.Ordinal);
        foreach (var isrc in new[] { "GBRFD2600101", "GBRFD2600102", "GBRFD2600103" })
        {
            Assert.Contains($">{isrc}</td>", page, StringComparison.Ordinal);
        }

        Assert.Contains(">ddp/IMAGE.DAT</a>", page, StringComparison.Ordinal);
        Assert.Contains(">cd/Farm_Album.cue</a>", page, StringComparison.Ordinal);
        Assert.Contains("01-One.flac", page, StringComparison.Ordinal);
        Assert.DoesNotContain("No deliverable yet.", page, StringComparison.Ordinal);
    }

    public ValueTask DisposeAsync()
    {
        Directory.Delete(_folder, recursive: true);
        return ValueTask.CompletedTask;
    }
}
