using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using RenderFarm.Grains;
using RenderFarm.Host.Tests.Api;
using RenderFarm.Mastering;
using RenderFarm.Mastering.Profiles;
using RenderFarm.Testing;

namespace RenderFarm.Host.Tests;

/// <summary>
/// The chaos run: three silo processes on a real Redis and RabbitMQ render a catalogue while silos are
/// killed with SIGKILL and started again at random moments (one at a time, two together, one within 10 s
/// of a RabbitMQ restart), RabbitMQ is restarted and Redis too, Redis refuses every write for 10 s, a silo
/// is frozen with SIGSTOP for 40 s and continued, a silo is cut off from Redis and RabbitMQ for 20 s, the
/// catalogue is paused mid-render (its renders must stop within 5 s) and resumed, and a share of tasks hang
/// on their first attempt (taken, then silent for 30 s: past the 8 s heartbeat timeout, so the task is
/// dispatched again; the woken worker is told to stop). Every title must complete exactly once with every
/// output the same bytes as a render in one process, nothing half-written or extra in the delivery
/// folders. The figures (titles, kills, restarts, time to recover after each, hangs, duplicates, lost) are
/// printed and kept in <c>.cache/artifacts/chaos.txt</c>. In CI it runs 60 titles (so that most faults land while it renders); <c>infra/chaos.sh</c>
/// runs 300 (RENDERFARM_CHAOS_TITLES, RENDERFARM_CHAOS_SEED).
/// </summary>
public sealed class ChaosTests(ITestOutputHelper output) : IAsyncDisposable
{
    // Spotify's target and chain with two deliverables (24-bit WAV, FLAC): three tasks a title.
    private const string Profile = "profiles/chaos.json";
    private readonly string _folder = Material.TempFolder("chaos");
    private readonly List<HostProcess> _silos = [];
    private LocalServices? _services;
    private NetworkCut? _cut;

    [Fact]
    public async Task SilosKilled_BrokerAndStoreRestarted_WorkersHanging_EveryTitleOnce_BitIdentical()
    {
        var ct = TestContext.Current.CancellationToken;
        var titles = int.Parse(Environment.GetEnvironmentVariable("RENDERFARM_CHAOS_TITLES") ?? "60", CultureInfo.InvariantCulture);
        var seed = int.Parse(Environment.GetEnvironmentVariable("RENDERFARM_CHAOS_SEED") ?? "20261201", CultureInfo.InvariantCulture);
        var random = new Random(seed);
        var media = Path.Combine(_folder, "media");
        var sources = Sources(media, titles);
        _services = LocalServices.Start(Path.Combine(_folder, "services"));
        _cut = new NetworkCut();
        var cluster = $"chaos-{Guid.NewGuid():N}";
        for (var i = 1; i <= 3; i++)
        {
            _silos.Add(new HostProcess(media, Path.Combine(_folder, $"data-{i}"), new Dictionary<string, string>(_services.Settings)
            {
                ["Farm__Name"] = $"silo-{i}",
                ["Farm__ClusterId"] = cluster,
                ["Farm__Workers"] = "2",
                ["Farm__HeartbeatTimeoutSeconds"] = "8",
                ["Farm__HangPercent"] = "4",
                ["Farm__HangSeconds"] = "30",
                ["Farm__ShutdownGraceSeconds"] = "5",
                ["Logging__LogLevel__Default"] = i == 1 ? "Information" : "Warning",
            }));
        }

        await Task.WhenAll(_silos.Select(s => s.Start()));
        var started = Stopwatch.StartNew();
        var id = await _silos[0].SubmitWith(Profile, "chaos");

        // The faults, in an order the seed shuffles, 2-4 s apart: a silo killed (and started again 2-5 s
        // later) four times; RabbitMQ restarted once, and once more with a silo killed within 10 s of it
        // coming back; Redis restarted once, and made to refuse every write for 10 s; two silos killed
        // together; a silo frozen with SIGSTOP for 40 s and continued (a zombie that wakes with stale
        // attempts; it is started again if the cluster had it stop itself); the catalogue paused for 3 s
        // while it renders (its renders must stop) and resumed. Each one's recovery is watched beside the
        // next faults: a killed silo is back when its new process has finished a render; after a restart of
        // RabbitMQ or Redis or the pause, when any worker has finished a render again; after Redis refused
        // writes, when a title has succeeded again; a silo cut off from Redis and RabbitMQ for 20 s (its
        // packets to their ports dropped, see NetworkCut) is back when it finished a render after the cut
        // (the workers report every 2 s, so these figures may be up to 2 s late).
        var faults = new List<string> { "kill", "kill", "kill", "kill", "rabbitmq", "redis", "rabbitmq+kill", "kill2", "freeze", "redis-writes", "pause", "cut" }.OrderBy(_ => random.Next()).ToList();
        var events = new List<(TimeSpan At, string What, Task<TimeSpan?> Recovery)>();
        var busy = new System.Collections.Concurrent.ConcurrentDictionary<int, bool>(); // silos frozen now: not killed meanwhile
        var background = new List<Task>();
        var kills = 0;
        var pauseStopped = TimeSpan.Zero;
        foreach (var fault in faults)
        {
            await Task.Delay(TimeSpan.FromSeconds(2 + (random.NextDouble() * 2)), ct);
            var at = started.Elapsed;
            var free = Enumerable.Range(0, _silos.Count).Where(i => !busy.ContainsKey(i)).ToList();
            switch (fault)
            {
                case "kill" or "kill2" or "rabbitmq+kill":
                {
                    var prefix = string.Empty;
                    if (fault == "rabbitmq+kill")
                    {
                        var away = _services.Restart("rabbitmq");
                        var after = TimeSpan.FromSeconds(1 + (random.NextDouble() * 8));
                        await Task.Delay(after, ct);
                        prefix = string.Create(CultureInfo.InvariantCulture, $"rabbitmq restarted ({away.TotalSeconds:0.0} s away), {after.TotalSeconds:0.0} s later ");
                    }

                    var chosen = free.OrderBy(_ => random.Next()).Take(fault == "kill2" ? 2 : 1).ToArray();
                    var killed = DateTimeOffset.UtcNow;
                    foreach (var index in chosen)
                    {
                        _silos[index].Kill();
                        kills++;
                    }

                    var down = TimeSpan.FromSeconds(2 + (random.NextDouble() * 3));
                    await Task.Delay(down, ct);
                    await Task.WhenAll(chosen.Select(index => Supervised(_silos[index])));
                    var names = chosen.Select(index => $"silo-{index + 1}").ToArray();
                    events.Add((at, string.Create(CultureInfo.InvariantCulture, $"{prefix}{string.Join(" and ", names)} SIGKILL{(names.Length > 1 ? "ed together" : string.Empty)}, started again after {down.TotalSeconds:0.0} s"),
                        Until(id, async () =>
                        {
                            var farm = await Any(s => s.Get<FarmStatus>("api/farm"));
                            return names.All(name => farm.Workers.Any(w => w.Report.Worker == name && w.Report.StartedAt > killed && w.Report.Done > 0));
                        }, started, at)));
                    break;
                }

                case "freeze":
                {
                    var index = free[random.Next(free.Count)];
                    var silo = _silos[index];
                    var name = $"silo-{index + 1}";
                    var before = Renders(await Any(s => s.Get<FarmStatus>("api/farm")));
                    busy[index] = true;
                    silo.Freeze();
                    var thawed = new TaskCompletionSource<bool>();
                    background.Add(Task.Run(async () =>
                    {
                        await Task.Delay(TimeSpan.FromSeconds(40), ct);
                        silo.Thaw();

                        // A silo the cluster declared dead stops itself once it wakes; it is started again.
                        var restarted = await silo.Exited(TimeSpan.FromSeconds(20));
                        if (restarted)
                        {
                            await Supervised(silo);
                        }

                        busy.TryRemove(index, out _);
                        thawed.SetResult(restarted);
                    }, ct));
                    events.Add((at, $"{name} SIGSTOP for 40 s, then SIGCONT", Until(id, () => RenderedAgain(name, before, thawed.Task), started, at)));
                    break;
                }

                case "redis-writes":
                {
                    var before = (await Read(id)).Count(JobStatus.Succeeded);
                    _services.RefuseWrites(true);
                    background.Add(Task.Run(async () =>
                    {
                        await Task.Delay(TimeSpan.FromSeconds(10), ct);
                        _services.RefuseWrites(false);
                    }, ct));
                    events.Add((at, "redis refused every write for 10 s", Until(id, async () => (await Read(id)).Count(JobStatus.Succeeded) > before && started.Elapsed - at > TimeSpan.FromSeconds(10), started, at)));
                    break;
                }

                case "cut":
                {
                    var index = free[random.Next(free.Count)];
                    var silo = _silos[index];
                    var name = $"silo-{index + 1}";
                    var before = Renders(await Any(s => s.Get<FarmStatus>("api/farm")));
                    busy[index] = true;
                    var restored = new TaskCompletionSource();
                    background.Add(Task.Run(async () =>
                    {
                        await _cut.Cut(silo.Pid, _services.ServicePorts, TimeSpan.FromSeconds(20), ct);
                        busy.TryRemove(index, out _);
                        restored.SetResult();
                    }, ct));
                    events.Add((at, $"{name} cut off from Redis and RabbitMQ for 20 s", Until(id, () => RenderedAgain(name, before, restored.Task), started, at)));
                    break;
                }

                case "pause":
                {
                    var before = Renders(await Any(s => s.Get<FarmStatus>("api/farm")));
                    var posted = DateTimeOffset.UtcNow;
                    await Any(s => s.Act(id, "pause"));
                    pauseStopped = await HostProcess.RendersStopped(() => Any(s => s.Get<FarmStatus>("api/farm")), posted, TimeSpan.FromSeconds(30)) ?? TimeSpan.FromSeconds(30);
                    var hanging = (await Any(s => s.Get<FarmStatus>("api/farm"))).Workers.Sum(w => w.Report.Hanging);
                    var hungNote = hanging > 0 ? string.Create(CultureInfo.InvariantCulture, $"; {hanging} hung on purpose, told when they wake") : "";
                    await Task.Delay(TimeSpan.FromSeconds(3), ct);
                    await Any(s => s.Act(id, "resume"));
                    events.Add((at, string.Create(CultureInfo.InvariantCulture, $"catalogue paused for 3 s (its renders stopped within {pauseStopped.TotalSeconds:0.0} s{hungNote}), then resumed"),
                        Until(id, async () => RendersSince(before, await Any(s => s.Get<FarmStatus>("api/farm"))), started, at)));
                    break;
                }

                default:
                {
                    var before = Renders(await Any(s => s.Get<FarmStatus>("api/farm")));
                    var away = _services.Restart(fault);
                    events.Add((at, string.Create(CultureInfo.InvariantCulture, $"{fault} restarted ({away.TotalSeconds:0.0} s away)"),
                        Until(id, async () => RendersSince(before, await Any(s => s.Get<FarmStatus>("api/farm"))), started, at)));
                    break;
                }
            }
        }

        await Task.WhenAll(background);
        var done = await UntilEnded(id, TimeSpan.FromMinutes(Math.Max(10, titles / 10.0)));
        var wall = started.Elapsed;
        var details = await Task.WhenAll(done.Titles.Select(t => Any(s => s.Get<TitleDetailView>($"api/titles/{t.TitleId}"))));

        // Exactly once: each title succeeded in its first generation, one set of outputs in its folder (no
        // extra file, nothing half-written), every output on disk the bytes its record says and the same
        // bytes as one process renders.
        var lost = done.Titles.Count(t => t.Status != JobStatus.Succeeded);
        var renders = Path.Combine(media, "renders", id);
        var onDisk = Directory.GetFiles(renders, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(media, f).Replace('\\', '/')).ToHashSet(StringComparer.Ordinal);
        var recorded = done.Titles.SelectMany(t => t.Outputs.Select(o => o.Path)).ToHashSet(StringComparer.Ordinal);
        var duplicates = onDisk.Except(recorded).Where(p => !p.EndsWith("/report.json", StringComparison.Ordinal) && !p.EndsWith("/overview.json", StringComparison.Ordinal)).ToArray();
        var mismatched = await Mismatches(media, done, ct);
        var hung = details.SelectMany(d => d.Tasks).Count(t => t.Attempts.Count > 1 && t.Attempts[0].Outcome is { } e && e.Contains("heartbeat", StringComparison.OrdinalIgnoreCase));
        var attempts = details.SelectMany(d => d.Tasks).Sum(t => t.Attempts.Count);
        var tasks = details.Sum(d => d.Tasks.Count);

        var recoveries = await Task.WhenAll(events.Select(e => e.Recovery));

        // The titles not yet ended 10 s after a fault began (a silo back from the dead finds nothing to
        // render when the little work left is in flight elsewhere).
        int Left(TimeSpan at) => done.Titles.Count(t => t.EndedAt is not { } ended || ended - done.CreatedAt!.Value > at + TimeSpan.FromSeconds(10));
        var figures = new StringBuilder();
        figures.AppendLine(CultureInfo.InvariantCulture, $"chaos run (seed {seed}): {done.Titles.Count} titles, {tasks} tasks, {attempts} attempts, on 3 silos x 2 workers, Redis and RabbitMQ on loopback");
        foreach (var (e, recovery) in events.Zip(recoveries))
        {
            var outcome = recovery is { } r
                ? string.Create(CultureInfo.InvariantCulture, $"{(e.What.StartsWith("silo", StringComparison.Ordinal) ? "the silo" : "the farm")} finished a render again {r.TotalSeconds:0.0} s after the fault began")
                : string.Create(CultureInfo.InvariantCulture, $"the catalogue ended before it rendered again ({Left(e.At)} titles were left 10 s after the fault)");
            figures.AppendLine(CultureInfo.InvariantCulture, $"  at {e.At.TotalSeconds,6:0.0} s  {e.What}; {outcome}");
        }

        // Titles completed in each 10 s of the run: where the farm stalled, if it did.
        var origin = done.CreatedAt!.Value;
        var bins = done.Titles.Where(t => t.EndedAt is not null).GroupBy(t => (int)((t.EndedAt!.Value - origin).TotalSeconds / 10)).ToDictionary(g => g.Key, g => g.Count());
        figures.AppendLine(CultureInfo.InvariantCulture, $"titles completed per 10 s from the submission: {string.Join(' ', Enumerable.Range(0, bins.Keys.DefaultIfEmpty(0).Max() + 1).Select(b => bins.GetValueOrDefault(b)))}");
        figures.AppendLine(CultureInfo.InvariantCulture, $"kills {kills}, RabbitMQ restarts {events.Count(e => e.What.StartsWith("rabbitmq", StringComparison.Ordinal))}, Redis restarts {events.Count(e => e.What.StartsWith("redis restarted", StringComparison.Ordinal))}, hung first attempts taken over {hung}");
        figures.AppendLine(CultureInfo.InvariantCulture, $"succeeded {done.Count(JobStatus.Succeeded)}, lost {lost}, duplicates {duplicates.Length}, outputs not bit-identical {mismatched.Count}, half-written files {onDisk.Count(p => p.Contains(".partial", StringComparison.Ordinal))}");
        figures.AppendLine(CultureInfo.InvariantCulture, $"wall time {wall.TotalSeconds:0} s; longest recovery {recoveries.Max(r => r?.TotalSeconds ?? 0):0.0} s");
        output.WriteLine(figures.ToString());
        var artifacts = Artifacts();
        await File.WriteAllTextAsync(Path.Combine(artifacts, "chaos.txt"), figures.ToString(), ct);

        // Every silo's whole log kept beside the figures; silo-1 logs at Information, and no log holds a password.
        foreach (var (silo, i) in _silos.Select((silo, i) => (silo, i)))
        {
            await File.WriteAllLinesAsync(Path.Combine(artifacts, $"chaos-silo-{i + 1}.log"), silo.AllLines, ct);
        }

        // No silo stopped itself over a fault (a background service that threw once stopped its host in a cut).
        Assert.DoesNotContain(_silos.SelectMany(silo => silo.AllLines), line => line.Contains("BackgroundService failed", StringComparison.Ordinal));
        foreach (var secret in _services.Secrets.Append(HostProcess.AdminPassword))
        {
            Assert.DoesNotContain(_silos.SelectMany(silo => silo.AllLines), line => line.Contains(secret, StringComparison.Ordinal));
        }

        Assert.True(done.Status == JobStatus.Succeeded, $"{figures}\n{string.Join("; ", done.Titles.Where(t => t.Status != JobStatus.Succeeded).Select(t => $"{t.TitleId} {t.Status} {t.Error}"))}");
        Assert.Equal(titles, done.Titles.Count);
        Assert.True(recoveries.Count(r => r is not null) >= 4, $"the farm did not recover from most faults before the catalogue ended:\n{figures}");
        Assert.True(pauseStopped < TimeSpan.FromSeconds(5), $"the paused catalogue's renders stopped only after {pauseStopped.TotalSeconds:0.0} s:\n{figures}");
        Assert.All(done.Titles, t => Assert.Equal(1, t.Generation));
        Assert.Empty(duplicates);
        Assert.Empty(mismatched);
        Assert.DoesNotContain(onDisk, p => p.Contains(".partial", StringComparison.Ordinal) || p.Contains("/.renderfarm-", StringComparison.Ordinal));
        Assert.All(details.SelectMany(d => d.Tasks), t => Assert.Equal(JobStatus.Succeeded, t.Status));
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var silo in _silos)
        {
            await silo.DisposeAsync();
        }

        _cut?.Dispose();
        _services?.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    // Real recordings cut into 30-second pieces (four songs, 12 pieces), as many titles as asked (pieces repeat).
    private string[] Sources(string media, int titles)
    {
        var pieces = Path.Combine(_folder, "pieces");
        Directory.CreateDirectory(pieces);
        for (var song = 0; song < 4; song++)
        {
            Tools.Ffmpeg("-i", Material.Song(song), "-f", "segment", "-segment_time", "30", "-c:a", "pcm_s24le", Path.Combine(pieces, $"song{song}-%03d.wav"));
        }

        // (the last piece of each song may be short; 4 s is the shortest kept)
        var all = Directory.GetFiles(pieces).Order(StringComparer.Ordinal).Where(f => new FileInfo(f).Length > 4 * 48_000 * 2 * 3).ToArray();
        var folder = Path.Combine(media, "chaos");
        Directory.CreateDirectory(folder);
        Directory.CreateDirectory(Path.Combine(media, "profiles"));
        File.WriteAllText(Path.Combine(media, Profile), """{ "version": 1, "target": "spotify", "deliverables": [ { "format": "wav", "bit_depth": 24 }, { "format": "flac" } ] }""");
        return [.. Enumerable.Range(0, titles).Select(i =>
        {
            var target = Path.Combine(folder, string.Create(CultureInfo.InvariantCulture, $"{i:0000}-{Path.GetFileName(all[i % all.Length])}"));
            File.Copy(all[i % all.Length], target);
            return target;
        })];
    }

    // Starts a silo again as a supervisor would (docker-compose's restart policy): a silo cannot join while
    // Redis refuses writes, and exits; it is started again every 2 s until it runs.
    private static async Task Supervised(HostProcess silo)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await silo.Start();
                return;
            }
            catch (InvalidOperationException e) when (attempt < 30 && e.Message.StartsWith("the host exited", StringComparison.Ordinal))
            {
                await Task.Delay(TimeSpan.FromSeconds(2));
            }
        }
    }

    // Once the fault is over: whether the silo's worker finished a render since (its process restarted, or
    // the same one with more done).
    private async Task<bool> RenderedAgain(string name, Dictionary<string, (DateTimeOffset StartedAt, long Done)> before, Task over)
    {
        if (!over.IsCompleted)
        {
            return false;
        }

        var farm = await Any(s => s.Get<FarmStatus>("api/farm"));
        return farm.Workers.Any(w => w.Report.Worker == name && (before.TryGetValue(name, out var then) && then.StartedAt == w.Report.StartedAt ? w.Report.Done > then.Done : w.Report.Done > 0));
    }

    // The catalogue from whichever silo answers (one may be down, or the cluster busy noticing it).
    private Task<CatalogSnapshot> Read(string id) => Any(s => s.Get<CatalogSnapshot>($"api/catalogs/{id}"));

    private async Task<T> Any<T>(Func<HostProcess, Task<T>> ask)
    {
        Exception? last = null;
        for (var round = 0; round < 240; round++)
        {
            foreach (var silo in _silos)
            {
                try
                {
                    return await ask(silo);
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException or InvalidOperationException or NullReferenceException)
                {
                    last = e;
                }
            }

            await Task.Delay(500);
        }

        throw new TimeoutException($"no silo answered for 2 minutes: {last?.Message}");
    }

    // Each worker's renders done, by the process it runs in (a restarted worker counts from 0).
    private static Dictionary<string, (DateTimeOffset StartedAt, long Done)> Renders(FarmStatus farm) =>
        farm.Workers.ToDictionary(w => w.Report.Worker, w => (w.Report.StartedAt, w.Report.Done), StringComparer.Ordinal);

    private static bool RendersSince(Dictionary<string, (DateTimeOffset StartedAt, long Done)> before, FarmStatus now) =>
        now.Workers.Any(w => before.TryGetValue(w.Report.Worker, out var then) && then.StartedAt == w.Report.StartedAt ? w.Report.Done > then.Done : w.Report.Done > 0);

    // How long after the fault began (at) the condition first held; null when the catalogue ended first.
    private async Task<TimeSpan?> Until(string id, Func<Task<bool>> condition, Stopwatch clock, TimeSpan at)
    {
        while (clock.Elapsed - at < TimeSpan.FromMinutes(10))
        {
            if (await condition())
            {
                return clock.Elapsed - at;
            }

            if ((await Read(id)).Status.IsFinal())
            {
                return null;
            }

            await Task.Delay(250);
        }

        return null;
    }

    private async Task<CatalogSnapshot> UntilEnded(string id, TimeSpan limit)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < limit)
        {
            var catalog = await Read(id);
            if (catalog.Status.IsFinal())
            {
                return catalog;
            }

            await Task.Delay(500);
        }

        // Kept for a look after the run: every silo's whole log and each unfinished title's tasks and attempts.
        var last = await Read(id);
        var unfinished = await Task.WhenAll(last.Titles.Where(t => !t.Status.IsFinal()).Select(t => Any(s => s.Get<TitleDetailView>($"api/titles/{t.TitleId}"))));
        var stuck = string.Join('\n', unfinished.Select(d => $"{d.Title.TitleId} {d.Title.Status} stage {d.Title.Stage}: " + string.Join("; ", d.Tasks.Select(t =>
            $"{t.TaskId} {t.Status} attempt {t.Attempt} on {t.Worker} heartbeat {t.LastHeartbeat:HH:mm:ss.fff} [{string.Join(", ", t.Attempts.Select(a => $"#{a.Attempt} {a.DispatchedAt:HH:mm:ss} {a.Worker} {a.Outcome}"))}]"))));
        var artifacts = Artifacts();
        await File.WriteAllTextAsync(Path.Combine(artifacts, "chaos-unfinished.txt"), stuck);
        foreach (var (silo, i) in _silos.Select((silo, i) => (silo, i)))
        {
            await File.WriteAllLinesAsync(Path.Combine(artifacts, $"chaos-silo-{i + 1}.log"), silo.AllLines);
        }

        throw new TimeoutException($"the catalogue did not end within {limit}: {last.Count(JobStatus.Succeeded)} of {last.Titles.Count} succeeded; unfinished:\n{stuck}\n(every silo's log in {artifacts})");
    }

    // Outputs whose bytes on disk differ from their record or from one process's render of the same title.
    private async Task<List<string>> Mismatches(string media, CatalogSnapshot done, CancellationToken ct)
    {
        var reference = Path.Combine(_folder, "reference");
        var profile = ProfileLoader.Load(Path.Combine(media, Profile));
        var wrong = new List<string>();
        foreach (var (title, i) in done.Titles.Select((t, i) => (t, i)))
        {
            var expected = new MasteringJob(profile).Run(Path.Combine(media, title.Spec.Source), Path.Combine(reference, $"{i}"),
                new MasteringJobOptions { Origination = title.StartedAt!.Value, Metadata = new() { Title = title.Spec.Tags.Title } }, ct);
            var outputs = title.Outputs.Take(expected.Deliverables.Count).ToArray();
            foreach (var (deliverable, recorded) in expected.Deliverables.Zip(outputs))
            {
                await using var file = File.OpenRead(Path.Combine(media, recorded.Path));
                var actual = Convert.ToHexStringLower(await SHA256.HashDataAsync(file, ct));
                if (actual != recorded.Sha256 || actual != deliverable.Sha256)
                {
                    wrong.Add(recorded.Path);
                }
            }

            if (outputs.Length != expected.Deliverables.Count)
            {
                wrong.Add($"{title.TitleId}: {outputs.Length} outputs for {expected.Deliverables.Count} deliverables");
            }

            Directory.Delete(Path.Combine(reference, $"{i}"), recursive: true);
        }

        return wrong;
    }

    // Where the figures and logs are kept: .cache/artifacts, or RENDERFARM_CHAOS_ARTIFACTS (infra/chaos.sh gives each
    // run a folder of its own, so a suite running beside it does not write over its figures).
    private static string Artifacts()
    {
        var folder = Environment.GetEnvironmentVariable("RENDERFARM_CHAOS_ARTIFACTS") is { Length: > 0 } given
            ? Path.GetFullPath(given)
            : Path.Combine(Material.Repository, ".cache", "artifacts");
        Directory.CreateDirectory(folder);
        return folder;
    }
}
