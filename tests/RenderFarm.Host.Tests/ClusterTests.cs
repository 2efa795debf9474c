using RenderFarm.Grains;
using RenderFarm.Host.Tests.Api;
using RenderFarm.Mastering;
using RenderFarm.Mastering.Profiles;
using RenderFarm.Mastering.Targets;
using RenderFarm.Mixing;
using RenderFarm.Mixing.Rendering;
using RenderFarm.Mixing.Sessions;
using RenderFarm.Testing;

namespace RenderFarm.Host.Tests;

/// <summary>
/// Three silo processes on a real Redis and RabbitMQ: a catalogue of 20 titles (two multitrack sessions
/// of real stems, 18 recordings in seven formats) completes with its tasks spread over all three silos
/// and every output the same bytes as a render in one process; and a silo killed with SIGKILL in the
/// middle of a catalogue leaves every title to complete, once, on the others.
/// </summary>
public sealed class ClusterTests : IAsyncDisposable
{
    private readonly string _folder = Material.TempFolder("cluster");
    private readonly string _media;
    private readonly LocalServices _services;
    private readonly List<HostProcess> _silos = [];

    public ClusterTests()
    {
        _media = Path.Combine(_folder, "media");
        CopyStems(3, "song3");
        File.Copy(Path.Combine(Material.Repository, "docs", "examples", "blupi-003.session.json"), Path.Combine(_media, "song3", "session.json"));
        CopyStems(0, "song0");
        File.WriteAllText(Path.Combine(_media, "song0", "session.json"), SessionScaffold.FromStems(Path.Combine(_media, "song0", "stems"), Path.Combine(_media, "song0")).Json);

        var mixes = Path.Combine(_media, "mixes");
        Directory.CreateDirectory(mixes);
        foreach (var song in new[] { 0, 1, 2, 3 })
        {
            File.Copy(Material.Song(song), Path.Combine(mixes, $"song{song}.wav"));
        }

        File.Copy(Material.Song(0), Path.Combine(mixes, "song0-again.wav"));
        foreach (var loop in new[] { "ambi_choir", "loop_amen_full", "loop_compus", "loop_garzul", "loop_industrial", "loop_tabla" })
        {
            File.Copy(Material.Loop(loop), Path.Combine(mixes, $"{loop}.wav"));
        }

        foreach (var format in new[] { "aiff", "flac", "m4a", "mp3", "ogg", "opus", "w64" })
        {
            File.Copy(Material.Format(format), Path.Combine(mixes, $"blupi-001.{format}"));
        }

        _services = LocalServices.Start(Path.Combine(_folder, "services"));
    }

    [Fact]
    public async Task TwentyTitles_OnThreeSilos_SpreadAndGiveTheSameBytesAsOneProcess()
    {
        await StartSilos(3);
        var id = await _silos[0].Submit("song3/session.json", "song0/session.json", "mixes");
        var done = await _silos[1].UntilEnded(id, TimeSpan.FromMinutes(8));
        Assert.True(done.Status == JobStatus.Succeeded, Failure(done));
        Assert.Equal(20, done.Titles.Count);

        var details = await Task.WhenAll(done.Titles.Select(t => _silos[2].Get<TitleDetailView>($"api/titles/{t.TitleId}")));
        var workers = details.SelectMany(d => d.Tasks).Select(t => t.Worker).Distinct().Order().ToArray();
        Assert.Equal(["silo-1", "silo-2", "silo-3"], workers);
        Assert.All(details.SelectMany(d => d.Tasks), t => Assert.Equal(JobStatus.Succeeded, t.Status));
        await AssertSameAsOneProcess(done, details);
    }

    [Fact]
    public async Task SiloKilledMidCatalogue_EveryTitleStillCompletesOnce()
    {
        await StartSilos(3);
        var id = await _silos[0].Submit("song3/session.json", "mixes/song1.wav", "mixes/song2.wav", "mixes/loop_tabla.wav", "mixes/blupi-001.flac", "mixes/blupi-001.mp3");

        // Kill the second silo as soon as it is rendering something.
        var killedWhileRendering = false;
        for (var i = 0; i < 600 && !killedWhileRendering; i++)
        {
            var catalog = await _silos[0].Get<CatalogSnapshot>($"api/catalogs/{id}");
            foreach (var title in catalog.Titles.Where(t => t.Status == JobStatus.Running))
            {
                var detail = await _silos[0].Get<TitleDetailView>($"api/titles/{title.TitleId}");
                if (detail.Tasks.Any(t => t.Status == JobStatus.Running && t.Worker == "silo-2"))
                {
                    _silos[1].Kill();
                    killedWhileRendering = true;
                    break;
                }
            }

            await Task.Delay(100, TestContext.Current.CancellationToken);
        }

        Assert.True(killedWhileRendering, "silo-2 never took a render");
        var done = await _silos[2].UntilEnded(id, TimeSpan.FromMinutes(8));
        Assert.True(done.Status == JobStatus.Succeeded, Failure(done));
        var details = await Task.WhenAll(done.Titles.Select(t => _silos[0].Get<TitleDetailView>($"api/titles/{t.TitleId}")));
        await AssertSameAsOneProcess(done, details);

        // Once: one set of deliverables per title, nothing half-written left behind.
        foreach (var title in done.Titles)
        {
            var master = Path.Combine(_media, title.Spec.OutputDirectory, "master");
            Assert.Equal(title.Outputs.Select(o => Path.GetFileName(o.Path)).Order(), Directory.GetFiles(master).Select(Path.GetFileName).Order());
        }

        Assert.Empty(Directory.GetFiles(Path.Combine(_media, "renders"), "*.partial*", SearchOption.AllDirectories));
        Assert.Empty(Directory.GetDirectories(Path.Combine(_media, "renders"), ".renderfarm-work-*", SearchOption.AllDirectories));
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var silo in _silos)
        {
            await silo.DisposeAsync();
        }

        _services.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    private void CopyStems(int song, string name)
    {
        Directory.CreateDirectory(Path.Combine(_media, name, "stems"));
        foreach (var stem in Material.Stems(song))
        {
            File.Copy(stem, Path.Combine(_media, name, "stems", Path.GetFileName(stem)));
        }
    }

    private async Task StartSilos(int count)
    {
        var cluster = $"test-{Guid.NewGuid():N}";
        for (var i = 1; i <= count; i++)
        {
            var settings = new Dictionary<string, string>(_services.Settings)
            {
                ["Farm__Name"] = $"silo-{i}",
                ["Farm__ClusterId"] = cluster,
                ["Farm__Workers"] = "1",
            };
            var silo = new HostProcess(_media, Path.Combine(_folder, $"data-{i}"), settings);
            _silos.Add(silo);
        }

        await Task.WhenAll(_silos.Select(s => s.Start()));
    }

    private static string Failure(CatalogSnapshot done) =>
        $"{done.Status}: {string.Join("; ", done.Titles.Where(t => t.Status != JobStatus.Succeeded).Select(t => $"{t.TitleId} {t.Status} {t.Stage} {t.Error}"))}";

    // Each session's mix and every title's deliverables, rendered here in one process.
    private async Task AssertSameAsOneProcess(CatalogSnapshot done, TitleDetailView[] details)
    {
        var reference = Path.Combine(_folder, $"reference-{Guid.NewGuid():N}");
        var profile = MasteringProfile.ForTarget(DeliveryTargets.Spotify);
        for (var i = 0; i < done.Titles.Count; i++)
        {
            var title = done.Titles[i];
            var input = Path.Combine(_media, title.Spec.Source);
            if (title.Spec.Kind == TitleKind.Session)
            {
                var session = SessionLoader.Load(input);
                var mix = MixRenderer.Render(session, Path.Combine(reference, $"{i}", "mix.wav"), new MixOptions { MediaRoot = _media }, cancellation: TestContext.Current.CancellationToken);
                var mixdown = details[i].Tasks.Single(t => t.TaskId.EndsWith("/mixdown", StringComparison.Ordinal));
                Assert.Equal(mix.Sha256, Assert.Single(mixdown.Outputs).Sha256);
                input = mix.Output;
            }

            var expected = new MasteringJob(profile).Run(input, Path.Combine(reference, $"{i}", "master"),
                new MasteringJobOptions { Origination = title.StartedAt!.Value, Metadata = new() { Title = title.Spec.Tags.Title } }, TestContext.Current.CancellationToken);
            Assert.Equal(expected.Deliverables.Select(d => d.Sha256), title.Outputs.Take(expected.Deliverables.Count).Select(o => o.Sha256));
        }

        await Task.CompletedTask;
    }
}
