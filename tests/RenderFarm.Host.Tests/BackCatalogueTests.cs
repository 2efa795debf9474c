using System.Net;
using System.Net.Http.Json;
using RenderFarm.Grains;
using RenderFarm.Testing;

namespace RenderFarm.Host.Tests;

/// <summary>
/// A back catalogue from a folder tree through the embedded farm: FLAC, MP3 and WAV sources in artist and
/// album folders, searched recursively, mastered to FLAC and MP3 named by a template from each source's
/// tags (ffprobe), the tree standing in where a tag is missing; two sources that would share a name are
/// told apart; a symbolic link in the tree is not followed; a template that climbs out is refused.
/// </summary>
public sealed class BackCatalogueTests : IAsyncDisposable
{
    private static readonly string[] Tree = ["catalogue"];
    private readonly string _folder = Material.TempFolder("back-catalogue");

    [Fact]
    public async Task FolderTree_IsMasteredIntoATemplateNamedTree_FromTheSourcesTags()
    {
        var media = Path.Combine(_folder, "media");
        var tree = Path.Combine(media, "catalogue");
        var albumOne = Path.Combine(tree, "Artist A", "Album One");
        var live = Path.Combine(tree, "Artist B", "Live");
        Directory.CreateDirectory(albumOne);
        Directory.CreateDirectory(live);
        Directory.CreateDirectory(Path.Combine(media, "profiles"));
        Source(0, Path.Combine(albumOne, "01.flac"), "title=Song One", "artist=Artist A", "album=Album One", "track=1/2", "date=1977");
        Source(1, Path.Combine(albumOne, "02.mp3"), "title=Song Two", "artist=Artist A", "album=Album One", "track=2");
        Source(2, Path.Combine(live, "take.wav"));
        Source(3, Path.Combine(live, "take2.wav"), "title=Encore");
        Source(0, Path.Combine(live, "take3.wav"), "title=Encore", "track=2");
        File.CreateSymbolicLink(Path.Combine(live, "escape.wav"), Material.Song(1));
        File.WriteAllText(Path.Combine(media, "profiles", "back.json"), """{ "target": "spotify", "deliverables": [ { "format": "flac" }, { "format": "mp3" } ] }""");

        await using var host = new HostProcess(media, Path.Combine(_folder, "data"));
        await host.Start();
        var refused = await host.Client.PostAsJsonAsync(new Uri("api/catalogs", UriKind.Relative),
            new { name = "bad", sources = Tree, profile = "profiles/back.json", recursive = true, naming = "../{title}" }, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("naming", await refused.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);

        // Sources are checked side by side, but a refusal names the first unusable one in the tree's order.
        var cut = Path.Combine(albumOne, "03.flac");
        File.WriteAllBytes(cut, [.. File.ReadAllBytes(Path.Combine(albumOne, "01.flac")).Take(40)]);
        var noise = Path.Combine(live, "zz.mp3");
        File.WriteAllBytes(noise, [.. Enumerable.Range(0, 4000).Select(i => (byte)(i * 131 % 251))]);
        var broken = await host.Client.PostAsJsonAsync(new Uri("api/catalogs", UriKind.Relative),
            new { name = "broken", sources = Tree, profile = "profiles/back.json", recursive = true }, TestContext.Current.CancellationToken);
        var brokenBody = await broken.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(broken.StatusCode == HttpStatusCode.BadRequest, brokenBody);
        Assert.Contains("catalogue/Artist A/Album One/03.flac", brokenBody, StringComparison.Ordinal);
        Assert.DoesNotContain("zz.mp3", brokenBody, StringComparison.Ordinal);
        File.Delete(cut);
        File.Delete(noise);

        var created = await host.Client.PostAsJsonAsync(new Uri("api/catalogs", UriKind.Relative),
            new { name = "back", sources = Tree, profile = "profiles/back.json", recursive = true, naming = "{format}/{artist}/{album}/{track:00} {title}" }, TestContext.Current.CancellationToken);
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        var id = (await created.Content.ReadFromJsonAsync<CatalogSnapshot>(HostProcess.Json, TestContext.Current.CancellationToken))!.CatalogId;
        var done = await host.UntilEnded(id, TimeSpan.FromMinutes(3));
        Assert.True(done.Status == JobStatus.Succeeded, string.Join("; ", done.Titles.Select(t => $"{t.Spec.Source}: {t.Status} {t.Error}")) + "\n" + host.Log);
        Assert.Equal(5, done.Titles.Count);
        Assert.DoesNotContain(done.Titles, t => t.Spec.Source.Contains("escape", StringComparison.Ordinal));

        var delivery = Path.Combine(media, "renders", id, "delivery");
        var made = Directory.GetFiles(delivery, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(delivery, f)).Order(StringComparer.Ordinal).ToArray();
        string[] expected =
        [
            "flac/Artist A/Album One/01 Song One.flac",
            "flac/Artist A/Album One/02 Song Two.flac",
            "flac/Artist B/Live/01 take.flac",
            "flac/Artist B/Live/02 Encore (2).flac",
            "flac/Artist B/Live/02 Encore.flac",
            "mp3/Artist A/Album One/01 Song One.mp3",
            "mp3/Artist A/Album One/02 Song Two.mp3",
            "mp3/Artist B/Live/01 take.mp3",
            "mp3/Artist B/Live/02 Encore (2).mp3",
            "mp3/Artist B/Live/02 Encore.mp3",
        ];
        Assert.Equal(expected, made);

        // The sources' tags go on, and every file is a recorded output with its hash.
        var tags = Tools.Tags(Tools.Probe(Path.Combine(delivery, "flac", "Artist A", "Album One", "01 Song One.flac")));
        Assert.Equal(("Song One", "Artist A", "Album One"), (tags["title"], tags["artist"], tags["album"]));
        var outputs = done.Titles.SelectMany(t => t.Outputs).Select(o => o.Path).ToHashSet(StringComparer.Ordinal);
        Assert.All(made, f => Assert.Contains($"renders/{id}/delivery/{f}", outputs));
        Assert.All(made, f => Assert.Equal(-14.0, FfmpegEbur128.Measure(Path.Combine(delivery, f)).IntegratedLufs, 0.5));
    }

    [Fact]
    public async Task Catalogue_WithAReference_MastersEveryTitleTowardsIt()
    {
        var media = Path.Combine(_folder, "media");
        Directory.CreateDirectory(Path.Combine(media, "mixes"));
        Directory.CreateDirectory(Path.Combine(media, "reference"));
        Source(1, Path.Combine(media, "mixes", "a.wav"));
        Source(2, Path.Combine(media, "mixes", "b.wav"));
        Tools.Ffmpeg("-ss", "20", "-t", "12", "-i", Material.Song(3), "-c:a", "pcm_s24le", Path.Combine(media, "reference", "finale.wav"));
        var referenceLufs = ReferenceMeter.MeasureFile(Path.Combine(media, "reference", "finale.wav")).IntegratedLufs;

        await using var host = new HostProcess(media, Path.Combine(_folder, "data"));
        await host.Start();
        foreach (var (reference, amount, field) in new[] { ("reference/finale.wav", 150.0, "referenceAmount"), ("../finale.wav", 50.0, "reference"), ("reference/none.wav", 50.0, "reference") })
        {
            var refused = await host.Client.PostAsJsonAsync(new Uri("api/catalogs", UriKind.Relative), new { name = "bad", sources = Mixes, reference, referenceAmount = amount }, TestContext.Current.CancellationToken);
            var body = await refused.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
            Assert.True(refused.StatusCode == HttpStatusCode.BadRequest, $"{reference} {amount}: {refused.StatusCode} {body}");
            Assert.Contains(field, body, StringComparison.Ordinal);
        }

        var created = await host.Client.PostAsJsonAsync(new Uri("api/catalogs", UriKind.Relative), new { name = "matched", sources = Mixes, reference = "reference/finale.wav", referenceAmount = 100 }, TestContext.Current.CancellationToken);
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        var id = (await created.Content.ReadFromJsonAsync<CatalogSnapshot>(HostProcess.Json, TestContext.Current.CancellationToken))!.CatalogId;
        var done = await host.UntilEnded(id, TimeSpan.FromMinutes(3));
        Assert.True(done.Status == JobStatus.Succeeded, string.Join("; ", done.Titles.Select(t => $"{t.Spec.Source}: {t.Status} {t.Error}")) + "\n" + host.Log);
        foreach (var title in done.Titles)
        {
            var detail = await host.Get<Api.TitleDetailView>($"api/titles/{title.TitleId}");
            var match = detail.Report!.Value.GetProperty("reference");
            Assert.Equal("reference/finale.wav", Path.GetRelativePath(media, match.GetProperty("path").GetString()!).Replace('\\', '/'));
            Assert.True(match.GetProperty("distance_after_db").GetDouble() < 0.7 * match.GetProperty("distance_before_db").GetDouble(), match.ToString());
            Assert.Equal(referenceLufs, title.Loudness!.OutputLufs!.Value, 0.1);
        }
    }

    [Fact]
    public async Task Catalogue_WithARestoreSection_IsRestoredInATaskOfItsOwn_ThenMasteredFromTheRestoredFile()
    {
        var media = Path.Combine(_folder, "media");
        Directory.CreateDirectory(Path.Combine(media, "mixes"));
        Directory.CreateDirectory(Path.Combine(media, "profiles"));
        var (audio, rate) = PlanarAudio.Read(Material.Piece(_folder, "clean", 1, 20, 10));
        var clicks = Faults.AddClicks(audio, rate, perMinute: 120, longest: 40, seed: 8);
        PlanarAudio.Write(Path.Combine(media, "mixes", "scratched.wav"), audio, rate);
        File.WriteAllText(Path.Combine(media, "profiles", "restore.json"), """
            { "target": "spotify", "deliverables": [ { "format": "flac" } ],
              "restore": { "declick": "on", "declip": "off", "dehum": "off", "denoise": "off", "dc": "off", "polarity": "off", "azimuth": "off" } }
            """);

        await using var host = new HostProcess(media, Path.Combine(_folder, "data"));
        await host.Start();
        var created = await host.Client.PostAsJsonAsync(new Uri("api/catalogs", UriKind.Relative), new { name = "restored", sources = Mixes, profile = "profiles/restore.json" }, TestContext.Current.CancellationToken);
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        var id = (await created.Content.ReadFromJsonAsync<CatalogSnapshot>(HostProcess.Json, TestContext.Current.CancellationToken))!.CatalogId;
        var done = await host.UntilEnded(id, TimeSpan.FromMinutes(3));
        Assert.True(done.Status == JobStatus.Succeeded, string.Join("; ", done.Titles.Select(t => $"{t.Spec.Source}: {t.Status} {t.Error}")) + "\n" + host.Log);

        var title = Assert.Single(done.Titles);
        var detail = await host.Get<Api.TitleDetailView>($"api/titles/{title.TitleId}");
        Assert.Equal(["restore", "master", "deliver-0"], detail.Tasks.Select(t => t.TaskId[(title.TitleId.Length + 1)..]));
        // Each click is in both channels: a repair each; the master made from the restored file.
        var declick = detail.Restore!.Value.GetProperty("declick");
        Assert.InRange(declick.GetProperty("clicks").GetInt32(), clicks.Count * 2 * 0.8, clicks.Count * 2 * 1.2);
        var restored = detail.Restore.Value.GetProperty("output").GetString()!;
        Assert.EndsWith("/restore/restored.wav", restored, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(media, restored)));
        Assert.Equal(restored, detail.Report!.Value.GetProperty("input").GetProperty("file").GetString());

        // Four seconds before and after at the first click repaired, to listen to; a bad question named.
        var first = declick.GetProperty("listed")[0].GetProperty("start_s").GetDouble();
        var excerpt = $"api/titles/{title.TitleId}/excerpt?at={first.ToString(System.Globalization.CultureInfo.InvariantCulture)}";
        var before = await host.Client.GetByteArrayAsync(new Uri($"{excerpt}&version=before", UriKind.Relative), TestContext.Current.CancellationToken);
        var after = await host.Client.GetByteArrayAsync(new Uri($"{excerpt}&version=after", UriKind.Relative), TestContext.Current.CancellationToken);
        var frames = (int)Math.Min(4 * rate, (10 * rate) - Math.Max(0, (first - 1) * rate));
        Assert.All(new[] { before, after }, wav => Assert.Equal("RIFF", System.Text.Encoding.ASCII.GetString(wav, 0, 4)));
        Assert.InRange(before.Length, (frames * 6) - 12, (frames * 6) + 200);
        Assert.NotEqual(before, after);
        using var sideways = await host.Client.GetAsync(new Uri($"{excerpt}&version=sideways", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, sideways.StatusCode);
        Assert.Contains("version", await sideways.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    private static readonly string[] Mixes = ["mixes"];

    public ValueTask DisposeAsync()
    {
        Directory.Delete(_folder, recursive: true);
        return ValueTask.CompletedTask;
    }

    // Eight seconds of a real song in the file's format, with the given tags.
    private static void Source(int song, string path, params string[] tags) =>
        Tools.Ffmpeg(["-t", "8", "-i", Material.Song(song), "-map_metadata", "-1", .. tags.SelectMany(t => new[] { "-metadata", t }), path]);
}
