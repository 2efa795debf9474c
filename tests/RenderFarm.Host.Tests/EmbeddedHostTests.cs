using RenderFarm.Grains;
using RenderFarm.Mastering;
using RenderFarm.Mastering.Profiles;
using RenderFarm.Mastering.Targets;
using RenderFarm.Mixing;
using RenderFarm.Mixing.Rendering;
using RenderFarm.Mixing.Sessions;
using RenderFarm.Testing;

namespace RenderFarm.Host.Tests;

/// <summary>
/// The embedded default as a real process: a catalogue of a multitrack session (real stems) and two
/// stereo mixes goes through the HTTP API to the end, and every output is the same bytes as the same
/// render done in one process without the farm; killed with SIGKILL in the middle and started again,
/// it finishes the catalogue, every title once.
/// </summary>
public sealed class EmbeddedHostTests : IAsyncDisposable
{
    private static readonly string[] Sources = ["song3/session.json", "mixes"];

    private readonly string _folder = Material.TempFolder("host");
    private readonly string _media;

    public EmbeddedHostTests()
    {
        _media = Path.Combine(_folder, "media");
        var song = Path.Combine(_media, "song3");
        Directory.CreateDirectory(Path.Combine(song, "stems"));
        foreach (var stem in Material.Stems(3))
        {
            File.Copy(stem, Path.Combine(song, "stems", Path.GetFileName(stem)));
        }

        File.Copy(Path.Combine(Material.Repository, "docs", "examples", "blupi-003.session.json"), Path.Combine(song, "session.json"));
        Directory.CreateDirectory(Path.Combine(_media, "mixes"));
        File.Copy(Material.Song(1), Path.Combine(_media, "mixes", "one.wav"));
        File.Copy(Material.Song(2), Path.Combine(_media, "mixes", "two.wav"));
    }

    [Fact]
    public async Task Catalogue_ThroughTheApi_GivesTheSameBytesAsOneProcess()
    {
        await using var host = new HostProcess(_media, Path.Combine(_folder, "data"));
        await host.Start();
        var id = await host.Submit(Sources);
        var done = await host.UntilEnded(id, TimeSpan.FromMinutes(4));
        Assert.True(done.Status == JobStatus.Succeeded, $"{done.Status}: {string.Join("; ", done.Titles.Select(t => t.Error))}\n{host.Log}");
        Assert.Equal(3, done.Titles.Count);
        await AssertSameAsOneProcess(host, done);

        // Each deliverable was a task of its own, made from a float master that is removed once they all are.
        Assert.All(done.Titles, t => Assert.Contains(t.Tasks, id => id.EndsWith("/deliver-0", StringComparison.Ordinal)));
        var masters = Path.Combine(_media, ".renderfarm", "masters");
        for (var i = 0; i < 100 && Directory.Exists(masters) && Directory.EnumerateFiles(masters, "*", SearchOption.AllDirectories).Any(); i++)
        {
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }

        Assert.Empty(Directory.EnumerateFiles(masters, "*", SearchOption.AllDirectories));

        // The dashboard is served by the same process: its pages (rendered on the server first) and the scripts they need.
        var dashboard = await host.Client.GetStringAsync(new Uri($"catalogues/{id}", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Contains("<h1", dashboard, StringComparison.Ordinal);
        Assert.Contains("mixes/one.wav", dashboard, StringComparison.Ordinal);
        foreach (var asset in new[] { "_framework/blazor.web.js", "_content/MudBlazor/MudBlazor.min.css", "_content/MudBlazor/MudBlazor.min.js" })
        {
            var response = await host.Client.GetAsync(new Uri(asset, UriKind.Relative), TestContext.Current.CancellationToken);
            Assert.True(response.IsSuccessStatusCode && (await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken)).Length > 10_000, $"{asset}: {response.StatusCode}");
        }

        Assert.Contains("XMLHttpRequest", await host.Client.GetStringAsync(new Uri("_content/RenderFarm.Dashboard/upload.js", UriKind.Relative), TestContext.Current.CancellationToken), StringComparison.Ordinal);
        foreach (var (page, heading) in new[] { ("farm", "Farm"), ("submit", "Submit a catalogue"), ("profiles", "Profiles"), ("profiles/edit?from=ebu-r128", "New profile") })
        {
            Assert.Contains($">{heading}</h1>", await host.Client.GetStringAsync(new Uri(page, UriKind.Relative), TestContext.Current.CancellationToken), StringComparison.Ordinal);
        }

        // The catalogue's report as CSV and JSON: a row per title with the figures the titles keep.
        var csv = (await host.Client.GetStringAsync(new Uri($"api/catalogs/{id}/report.csv", UriKind.Relative), TestContext.Current.CancellationToken))
            .Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("number,title,source,status,stage,input_lufs,output_lufs,", csv[0], StringComparison.Ordinal);
        Assert.Equal(4, csv.Length);
        for (var t = 0; t < 3; t++)
        {
            var cells = csv[t + 1].Split(',');
            var loudness = done.Titles[t].Loudness!;
            Assert.Equal([$"{t + 1:0000}", "Succeeded", loudness.OutputLufs!.Value.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture), "true"], [cells[0], cells[3], cells[6], cells[10]]);
        }

        var json = System.Text.Json.Nodes.JsonNode.Parse(await host.Client.GetStringAsync(new Uri($"api/catalogs/{id}/report.json", UriKind.Relative), TestContext.Current.CancellationToken))!;
        Assert.Equal(3, json["titles"]!.AsArray().Count);
        Assert.Equal(-14.0, json["titles"]![0]!["outputLufs"]!.GetValue<double>(), 0.1);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await host.Client.GetAsync(new Uri("api/catalogs/cat-none/report.csv", UriKind.Relative), TestContext.Current.CancellationToken)).StatusCode);

        // A page of the titles (the way to read a catalogue of thousands), and its summary in the list.
        var second = await host.Get<TitlePage>($"api/catalogs/{id}/titles?offset=1&limit=1&status=Succeeded");
        Assert.Equal((3, 3, 1), (second.Total, second.Matching, second.Offset));
        Assert.Equal($"{id}/0002", Assert.Single(second.Titles).TitleId);
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, (await host.Client.GetAsync(new Uri($"api/catalogs/{id}/titles?limit=0", UriKind.Relative), TestContext.Current.CancellationToken)).StatusCode);
        var listed = System.Text.Json.Nodes.JsonNode.Parse(await host.Client.GetStringAsync(new Uri("api/catalogs", UriKind.Relative), TestContext.Current.CancellationToken))!.AsArray().Single(c => c!["catalogId"]!.GetValue<string>() == id)!;
        Assert.Equal((3, 3), (listed["titles"]!.GetValue<int>(), listed["succeeded"]!.GetValue<int>()));

        // The farm's status: one silo, its worker answering, every task counted, nothing waiting on the embedded bus.
        var farm = await host.Farm(f => f.Workers.Sum(w => w.Report.Done) >= done.Titles.Sum(t => t.Tasks.Count));
        Assert.Equal("Active", Assert.Single(farm.Silos).Status);
        var worker = Assert.Single(farm.Workers);
        Assert.True(worker.Answering);
        Assert.True(worker.Report.Done >= done.Titles.Sum(t => t.Tasks.Count), $"{worker.Report.Done} renders counted");
        Assert.Equal(("in-process", 0L), (farm.QueueSource, farm.QueueWaiting ?? -1));

        // A deliverable downloads with its hash.
        var master = done.Titles[1].Outputs[0];
        var bytes = await host.Client.GetByteArrayAsync(new Uri($"api/files/{master.Path}", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(master.Sha256, Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes)));
    }

    [Fact]
    public async Task KilledMidCatalogue_AndStartedAgain_FinishesEveryTitleOnce()
    {
        var data = Path.Combine(_folder, "data");
        string id;
        await using (var first = new HostProcess(_media, data))
        {
            await first.Start();
            id = await first.Submit(Sources);

            // Let some of the work run, then kill it without warning.
            for (var i = 0; i < 100; i++)
            {
                var snapshot = await first.Get<CatalogSnapshot>($"api/catalogs/{id}");
                if (snapshot.Titles[0].Tasks.Count > 0 && snapshot.Progress > 0.05)
                {
                    break;
                }

                await Task.Delay(100, TestContext.Current.CancellationToken);
            }

            first.Kill();
        }

        var before = await Before(data);
        await using var second = new HostProcess(_media, data);
        await second.Start();
        var done = await second.UntilEnded(id, TimeSpan.FromMinutes(4));
        Assert.True(done.Status == JobStatus.Succeeded, $"{done.Status}: {string.Join("; ", done.Titles.Select(t => t.Error))}\n{second.Log}");
        Assert.Equal(3, done.Titles.Count);
        Assert.All(done.Titles, t => Assert.Equal(t.Outputs.Select(o => o.Path).Distinct().Count(), t.Outputs.Count));
        await AssertSameAsOneProcess(second, done);
        Assert.True(before < 3, $"{before} titles had finished before the kill: it came too late to test recovery");
    }

    public async ValueTask DisposeAsync()
    {
        await Task.CompletedTask;
        Directory.Delete(_folder, recursive: true);
    }

    // How many titles the killed host had finished, from the files it left (the reports are written last).
    private Task<int> Before(string data) => Task.FromResult(Directory.Exists(Path.Combine(_media, "renders"))
        ? Directory.GetFiles(Path.Combine(_media, "renders"), "report.json", SearchOption.AllDirectories).Length
        : 0);

    // The session's mix and every title's master, rendered here in one process, against the farm's.
    private async Task AssertSameAsOneProcess(HostProcess host, CatalogSnapshot done)
    {
        var reference = Path.Combine(_folder, $"reference-{Guid.NewGuid():N}");
        var session = SessionLoader.Load(Path.Combine(_media, "song3", "session.json"));
        var mix = MixRenderer.Render(session, Path.Combine(reference, "mix.wav"), new MixOptions { MediaRoot = _media }, cancellation: TestContext.Current.CancellationToken);
        var title = await host.Get<Api.TitleDetailView>($"api/titles/{done.Titles[0].TitleId}");
        var mixdown = title.Tasks.Single(t => t.TaskId.EndsWith("/mixdown", StringComparison.Ordinal));
        Assert.Equal(mix.Sha256, Assert.Single(mixdown.Outputs).Sha256);

        var profile = MasteringProfile.ForTarget(DeliveryTargets.Spotify);
        foreach (var (t, input) in new[] { (done.Titles[0], mix.Output), (done.Titles[1], Path.Combine(_media, "mixes", "one.wav")), (done.Titles[2], Path.Combine(_media, "mixes", "two.wav")) })
        {
            var expected = new MasteringJob(profile).Run(input, Path.Combine(reference, t.TitleId.Replace('/', '-')),
                new MasteringJobOptions { Origination = t.StartedAt!.Value, Metadata = new() { Title = t.Spec.Tags.Title } }, TestContext.Current.CancellationToken);
            Assert.Equal(expected.Deliverables.Select(d => d.Sha256), t.Outputs.Take(expected.Deliverables.Count).Select(o => o.Sha256));
        }
    }
}
