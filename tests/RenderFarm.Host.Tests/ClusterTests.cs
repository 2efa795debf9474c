using System.Net;
using System.Text.Json;
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
/// and ten of them (both sessions, every format) the same bytes as a render in one process; a silo killed
/// with SIGKILL in the middle of a catalogue leaves every title to complete, once, on the others; silos stopped with
/// SIGTERM finish their render within their grace period or hand it back, and take no new work; a silo
/// that hangs makes the API answer 503 with Retry-After (never a 500) until it answers again.
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
        // In one process again: both sessions, every format, and two of the WAV recordings (a dense one among them).
        AssertSameAsOneProcess(done, details, t => t.Spec.Kind == TitleKind.Session || !t.Spec.Source.EndsWith(".wav", StringComparison.Ordinal)
            || t.Spec.Source is "mixes/song1.wav" or "mixes/loop_amen_full.wav");

        // The farm's status (the dashboard's farm page): three silos, three workers answering that did
        // every task between them, and the render queue as RabbitMQ counts it, empty now.
        var tasks = details.Sum(d => d.Tasks.Count);
        var farm = await _silos[0].Farm(f => f.Workers.Sum(w => w.Report.Done) >= tasks);

        Assert.Equal(3, farm.Silos.Count(s => s.Status == "Active"));
        Assert.Equal(["silo-1", "silo-2", "silo-3"], farm.Workers.Where(w => w.Answering).Select(w => w.Report.Worker));
        // (a command delivered twice is rendered twice and its second completion ignored by the task grain)
        Assert.InRange(farm.Workers.Sum(w => w.Report.Done), tasks, tasks + 3);
        Assert.Equal(0, farm.Workers.Sum(w => w.Report.Failed));
        Assert.Equal("rabbitmq", farm.QueueSource);
        Assert.Equal(0L, farm.QueueWaiting);
        Assert.Equal(3, farm.QueueConsumers);
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

        // The farm page: the killed silo's worker silent (no report for 15 s; gone altogether if the status
        // grain lived on that silo and starts again from the reports), and membership declaring it dead.
        static bool SeenDead(FarmStatus f) =>
            !f.Workers.Any(w => w.Report.Worker == "silo-2" && w.Answering) && f.Silos.Count(s => s.Status == "Active") == 2;
        var farm = await _silos[0].Farm(SeenDead, seconds: 90);
        Assert.True(SeenDead(farm), string.Join("; ", farm.Silos.Select(s => $"{s.Name} {s.Status}")) + " / " + string.Join("; ", farm.Workers.Select(w => $"{w.Report.Worker} {w.Answering}")));
        Assert.Equal(["silo-1", "silo-3"], farm.Workers.Where(w => w.Answering).Select(w => w.Report.Worker));
        Assert.True(done.Status == JobStatus.Succeeded, Failure(done));
        var details = await Task.WhenAll(done.Titles.Select(t => _silos[0].Get<TitleDetailView>($"api/titles/{t.TitleId}")));
        AssertSameAsOneProcess(done, details, _ => true);

        // Once: one set of deliverables per title, nothing half-written left behind.
        foreach (var title in done.Titles)
        {
            var master = Path.Combine(_media, title.Spec.OutputDirectory, "master");
            Assert.Equal(title.Outputs.Select(o => Path.GetFileName(o.Path)).Order(), Directory.GetFiles(master).Select(Path.GetFileName).Order());
        }

        Assert.Empty(Directory.GetFiles(Path.Combine(_media, "renders"), "*.partial*", SearchOption.AllDirectories));
        Assert.Empty(Directory.GetDirectories(Path.Combine(_media, "renders"), ".renderfarm-*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task SilosStoppedWithSigterm_FinishTheirRenderWithinTheGrace_OrHandItBack()
    {
        // Three long mixes (8 minutes each), so each silo is surely rendering one when it is told to stop.
        Material.LongMixes(Path.Combine(_media, "long"), ["a", "b", "c"], 480, 44100, "pcm_s16le");

        // silo-2 lets its render finish (up to 5 minutes); silo-3 gives none (it hands its render back at once).
        await StartSilos(3, i => new Dictionary<string, string> { ["Farm__ShutdownGraceSeconds"] = i == 2 ? "300" : "0" });
        var id = await _silos[0].Submit("long/a.wav", "long/b.wav", "long/c.wav", "mixes/song1.wav");
        RenderTaskSnapshot? finishing = null, handedBack = null;
        for (var i = 0; i < 1200 && (finishing is null || handedBack is null); i++)
        {
            var catalog = await _silos[0].Get<CatalogSnapshot>($"api/catalogs/{id}");
            var running = (await Task.WhenAll(catalog.Titles.Select(t => _silos[0].Get<TitleDetailView>($"api/titles/{t.TitleId}"))))
                .SelectMany(d => d.Tasks).Where(t => t.Status == JobStatus.Running && t.Spec.Kind == TaskKind.Master).ToArray();
            finishing = running.FirstOrDefault(t => t.Worker == "silo-2");
            handedBack = running.FirstOrDefault(t => t.Worker == "silo-3");
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }

        Assert.True(finishing is not null && handedBack is not null, "silo-2 and silo-3 were never both mastering");
        var told = DateTimeOffset.UtcNow;
        _silos[1].Terminate();
        _silos[2].Terminate();
        Assert.True(await _silos[2].Exited(TimeSpan.FromSeconds(60)), "silo-3 (no grace) did not stop within a minute");
        Assert.True(await _silos[1].Exited(TimeSpan.FromMinutes(5)), "silo-2 did not stop within its grace");

        var done = await _silos[0].UntilEnded(id, TimeSpan.FromMinutes(8));
        Assert.True(done.Status == JobStatus.Succeeded, Failure(done));
        var tasks = (await Task.WhenAll(done.Titles.Select(t => _silos[0].Get<TitleDetailView>($"api/titles/{t.TitleId}")))).SelectMany(d => d.Tasks).ToDictionary(t => t.TaskId);

        // silo-2 finished the master it had started, in its first attempt.
        Assert.Equal(("silo-2", 1), (tasks[finishing!.TaskId].Worker, tasks[finishing.TaskId].Attempt));

        // silo-3 handed its master back (a new attempt that does not count against the task: nothing timed
        // out) and silo-1 made it.
        var back = tasks[handedBack!.TaskId];
        Assert.Equal(("silo-1", 2), (back.Worker, back.Attempt));
        Assert.Contains("handed back", back.Attempts[0].Outcome, StringComparison.Ordinal);

        // Neither stopping silo took new work.
        Assert.All(tasks.Values.Where(t => t.Attempts[0].StartedAt > told.AddSeconds(1) && t.TaskId != finishing.TaskId && t.TaskId != handedBack.TaskId),
            t => Assert.Equal("silo-1", t.Worker));
        Assert.Empty(Directory.GetFiles(Path.Combine(_media, "renders"), "*.partial*", SearchOption.AllDirectories));
        Assert.Empty(Directory.GetDirectories(_media, ".renderfarm-*", SearchOption.AllDirectories));
        foreach (var title in done.Titles)
        {
            var master = Path.Combine(_media, title.Spec.OutputDirectory, "master");
            Assert.Equal(title.Outputs.Select(o => Path.GetFileName(o.Path)).Order(), Directory.GetFiles(master).Select(Path.GetFileName).Order());
        }
    }

    [Fact]
    public async Task ASiloThatStopsAnswering_IsA503WithRetryAfter_NeverA500_AndTheApiRecovers()
    {
        // Grain calls wait 5 s for their answer here (30 s by default), so the test waits that long.
        await StartSilos(2, _ => new Dictionary<string, string> { ["Farm__GrainCallTimeoutSeconds"] = "5" });
        var id = await _silos[0].Submit("mixes/song1.wav", "mixes/song2.wav");
        var known = (await _silos[0].Get<CatalogSnapshot>($"api/catalogs/{id}")).Titles.Select(t => $"api/titles/{t.TitleId}").Append($"api/catalogs/{id}").ToArray();

        // One silo hangs (SIGSTOP: its sockets open, nothing answered) while the other is asked for the known
        // titles and catalogue and for catalogues never seen (which ask the catalogue index grain); then the
        // other way round. Where each grain lives is the placement's choice, but every grain lives on one of
        // the two, so the round that freezes the index grain's silo (or the accounts grain's, which every
        // signed-in request asks) must answer 503s: a test that froze one silo only passed by luck of placement.
        var answers = new List<Answered>();
        foreach (var (frozen, asked) in new[] { (1, 0), (0, 1) })
        {
            answers.AddRange(await WhileFrozen(_silos[frozen], _silos[asked], [.. known, .. Enumerable.Range(0, 16).Select(i => $"api/catalogs/never-{Guid.NewGuid():N}")]));

            // The frozen silo answers again: every known title and the catalogue read back through both silos within a minute.
            await UntilAnswered(known);
        }

        string Told() => string.Join("\n", answers.Select(a => $"{a.Asked}: {a.Path}: {(int)a.Status} in {a.Took.TotalSeconds:F1} s {a.Body}"));
        Assert.All(answers, a => Assert.True(a.Status is HttpStatusCode.OK or HttpStatusCode.NotFound or HttpStatusCode.ServiceUnavailable, Told()));
        var unavailable = answers.Where(a => a.Status == HttpStatusCode.ServiceUnavailable).ToArray();
        Assert.True(unavailable.Length > 0, "no call waited for a frozen silo:\n" + Told());
        Assert.All(unavailable, a =>
        {
            Assert.Equal(TimeSpan.FromSeconds(5), a.RetryAfter);
            var problem = JsonDocument.Parse(a.Body).RootElement;
            Assert.Equal(503, problem.GetProperty("status").GetInt32());
            Assert.Contains("a silo may be stopping or starting", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        });

        // Each answered once the grain call gave up (5 s), not at the client's 60 s.
        Assert.All(answers, a => Assert.True(a.Took < TimeSpan.FromSeconds(25), Told()));
    }

    private sealed record Answered(string Asked, string Path, HttpStatusCode Status, TimeSpan? RetryAfter, string Body, TimeSpan Took);

    // Asks `asked` for every path at once while `frozen` hangs.
    private static async Task<Answered[]> WhileFrozen(HostProcess frozen, HostProcess asked, string[] paths)
    {
        frozen.Freeze();
        try
        {
            return await Task.WhenAll(paths.Select(async path =>
            {
                var watch = System.Diagnostics.Stopwatch.StartNew();
                var (status, retryAfter, body) = await asked.Answer(path);
                return new Answered(asked.Address.ToString(), path, status, retryAfter, body, watch.Elapsed);
            }));
        }
        finally
        {
            frozen.Thaw();
        }
    }

    // Every path answers 200 through every silo within a minute; until then only a 503 is allowed.
    private async Task UntilAnswered(string[] paths)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        var pending = _silos.SelectMany(s => paths.Select(p => (Silo: s, Path: p))).ToArray();
        while (pending.Length > 0 && DateTime.UtcNow < deadline)
        {
            var now = await Task.WhenAll(pending.Select(async p =>
            {
                var (status, _, body) = await p.Silo.Answer(p.Path);
                return (p.Silo, p.Path, Status: status, Body: body);
            }));

            // Anything else fails at once, with the answer and what the silo logged of errors (a 500's cause).
            var wrong = now.Where(a => a.Status is not (HttpStatusCode.OK or HttpStatusCode.ServiceUnavailable)).ToArray();
            Assert.True(wrong.Length == 0, string.Join("\n\n", wrong.Select(a =>
                $"{a.Silo.Address}{a.Path}: {(int)a.Status} {a.Body}\n" + string.Join('\n', a.Silo.AllLines.Where(l => l.Contains("fail", StringComparison.Ordinal) || l.Contains("Exception", StringComparison.Ordinal)).TakeLast(40)))));
            pending = [.. now.Where(a => a.Status != HttpStatusCode.OK).Select(a => (a.Silo, a.Path))];
            await Task.Delay(500, TestContext.Current.CancellationToken);
        }

        Assert.True(pending.Length == 0, "still unavailable a minute after the thaw: " + string.Join(", ", pending.Select(p => $"{p.Silo.Address}{p.Path}")));
    }

    public async ValueTask DisposeAsync()
    {
        // RENDERFARM_TEST_LOGS=DIR keeps each silo's output (silo-N.log, the last test's) for a look after a run.
        var logs = Environment.GetEnvironmentVariable("RENDERFARM_TEST_LOGS");
        foreach (var (silo, i) in _silos.Select((s, i) => (s, i)))
        {
            await silo.DisposeAsync();
            if (logs is not null)
            {
                Directory.CreateDirectory(logs);
                File.WriteAllLines(Path.Combine(logs, $"silo-{i + 1}.log"), silo.AllLines);
            }
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

    private async Task StartSilos(int count, Func<int, IReadOnlyDictionary<string, string>>? extra = null)
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
            foreach (var (key, value) in extra?.Invoke(i) ?? new Dictionary<string, string>())
            {
                settings[key] = value;
            }

            var silo = new HostProcess(_media, Path.Combine(_folder, $"data-{i}"), settings);
            _silos.Add(silo);
        }

        await Task.WhenAll(_silos.Select(s => s.Start()));
    }

    private static string Failure(CatalogSnapshot done) =>
        $"{done.Status}: {string.Join("; ", done.Titles.Where(t => t.Status != JobStatus.Succeeded).Select(t => $"{t.TitleId} {t.Status} {t.Stage} {t.Error}"))}";

    // Each session's mix and every title's deliverables, rendered here in one process.
    // The titles chosen, rendered again here in one process (two at a time), against the farm's bytes.
    private void AssertSameAsOneProcess(CatalogSnapshot done, TitleDetailView[] details, Func<TitleSnapshot, bool> chosen)
    {
        var reference = Path.Combine(_folder, $"reference-{Guid.NewGuid():N}");
        var profile = MasteringProfile.ForTarget(DeliveryTargets.Spotify);
        var options = new ParallelOptions { MaxDegreeOfParallelism = 2, CancellationToken = TestContext.Current.CancellationToken };
        Parallel.ForEach(Enumerable.Range(0, done.Titles.Count).Where(i => chosen(done.Titles[i])), options, i =>
        {
            var title = done.Titles[i];
            var input = Path.Combine(_media, title.Spec.Source);
            if (title.Spec.Kind == TitleKind.Session)
            {
                var session = SessionLoader.Load(input);
                var mix = MixRenderer.Render(session, Path.Combine(reference, $"{i}", "mix.wav"), new MixOptions { MediaRoot = _media }, cancellation: options.CancellationToken);
                var mixdown = details[i].Tasks.Single(t => t.TaskId.EndsWith("/mixdown", StringComparison.Ordinal));
                Assert.Equal(mix.Sha256, Assert.Single(mixdown.Outputs).Sha256);
                input = mix.Output;
            }

            var expected = new MasteringJob(profile).Run(input, Path.Combine(reference, $"{i}", "master"),
                new MasteringJobOptions { Origination = title.StartedAt!.Value, Metadata = new() { Title = title.Spec.Tags.Title } }, options.CancellationToken);
            Assert.Equal(expected.Deliverables.Select(d => d.Sha256), title.Outputs.Take(expected.Deliverables.Count).Select(o => o.Sha256));
        });
    }
}
