using MassTransit;
using MassTransit.Testing;
using Microsoft.Extensions.DependencyInjection;
using RenderFarm.Contracts;
using RenderFarm.Mastering;
using RenderFarm.Mastering.Profiles;
using RenderFarm.Mastering.Targets;
using RenderFarm.Mixing;
using RenderFarm.Mixing.Sessions;
using RenderFarm.Testing;

namespace RenderFarm.Worker.Tests;

/// <summary>
/// The render consumers on MassTransit's test harness, rendering real material in a media root: their
/// outputs are the same bytes as the engines give when called directly, they renew their claim as a
/// heartbeat, a render told to stop leaves nothing, a second copy of a command renders nothing, and bad
/// commands fail with a reason that names the field, marked not worth retrying.
/// </summary>
public sealed class WorkerTests : IAsyncDisposable
{
    private static readonly DateTimeOffset Origination = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);
    private readonly string _root = Material.TempFolder("worker");
    private readonly ServiceProvider _services;
    private readonly ITestHarness _harness;
    private readonly RecordingClaims _claims = new();

    public WorkerTests()
    {
        // A media root holding song 3's stems and the example session beside them.
        var song = Path.Combine(_root, "song3");
        Directory.CreateDirectory(Path.Combine(song, "stems"));
        foreach (var stem in Material.Stems(3))
        {
            File.Copy(stem, Path.Combine(song, "stems", Path.GetFileName(stem)));
        }

        File.Copy(Path.Combine(Material.Repository, "docs", "examples", "blupi-003.session.json"), Path.Combine(song, "session.json"));
        _services = new ServiceCollection()
            .AddSingleton<IRenderClaims>(_claims)
            .AddRenderWorker(o =>
            {
                o.MediaRoot = _root;
                o.Name = "test-worker";
                o.HeartbeatInterval = TimeSpan.FromMilliseconds(100);
                o.Concurrency = 2;
            })
            .AddMassTransitTestHarness(x => x.AddRenderConsumers())
            .BuildServiceProvider(validateScopes: true);
        _harness = _services.GetRequiredService<ITestHarness>();
        _harness.TestTimeout = TimeSpan.FromMinutes(2);
    }

    [Fact]
    public async Task TrackThenMixdownThenMaster_GiveTheSameBytesAsTheEnginesDirectly()
    {
        await _harness.Start();
        var session = SessionLoader.Load(Path.Combine(_root, "song3", "session.json"));
        for (var t = 0; t < session.Tracks.Count; t++)
        {
            await _harness.Bus.Publish(new RenderTrack($"t/track-{t}", 1, "song3/session.json", t, "out/stems"), TestContext.Current.CancellationToken);
        }

        var tracks = await Completions(session.Tracks.Count);
        var drums = tracks.Single(c => c.TaskId == "t/track-7");
        var direct = MixRenderer.RenderStems(session, 7, Path.Combine(_root, "direct-stems"), new() { MediaRoot = _root }, cancellation: TestContext.Current.CancellationToken);
        Assert.Equal(direct.Select(s => s.Sha256), drums.Outputs.Select(o => o.Sha256));
        Assert.Equal("out/stems/008-drums.wav", drums.Outputs[0].Path);

        await _harness.Bus.Publish(new MixdownSession("t/mixdown", 1, "song3/session.json", "out/stems", "out/mix.wav"), TestContext.Current.CancellationToken);
        var mixdown = (await Completions(session.Tracks.Count + 1)).Single(c => c.TaskId == "t/mixdown");
        var onePass = MixRenderer.Render(session, Path.Combine(_root, "one-pass.wav"), new() { MediaRoot = _root }, cancellation: TestContext.Current.CancellationToken);
        Assert.Equal(onePass.Sha256, Assert.Single(mixdown.Outputs).Sha256);
        Assert.Matches(@" mix -\d+\.\d LUFS, true peak -?\d+\.\d dBTP, \d+ samples over full scale", mixdown.Log);

        await _harness.Bus.Publish(new MasterMix { TaskId = "t/master", Attempt = 1, InputPath = "out/mix.wav", Profile = "spotify", OutputDirectory = "out/master", Metadata = new TitleMetadata { Title = "Blupi 3" }, Origination = Origination }, TestContext.Current.CancellationToken);
        var master = (await Completions(session.Tracks.Count + 2)).Single(c => c.TaskId == "t/master");
        var profile = MasteringProfile.ForTarget(DeliveryTargets.Spotify);
        var reference = new MasteringJob(profile).Run(onePass.Output, Path.Combine(_root, "direct-master"),
            new MasteringJobOptions { Metadata = new() { Title = "Blupi 3" }, Origination = Origination, FileStem = "mix" }, TestContext.Current.CancellationToken);
        Assert.Equal(reference.Deliverables.Select(d => d.Sha256), master.Outputs.Take(reference.Deliverables.Count).Select(o => o.Sha256));
        Assert.Equal(["out/master/report.json", "out/master/overview.json"], master.Outputs.TakeLast(2).Select(o => o.Path));
        Assert.Matches(@" finished in \d+\.\d\d s: .*report\.json, overview\.json$", master.Log);
        Assert.Matches(@"^\d\d:\d\d:\d\d\.\d{3} attempt 1 taken from the queue by test-worker \(process \d+ on ", master.Log);
        Assert.True(File.Exists(Path.Combine(_root, "out", "master", "report.json")));
        var overview = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(_root, "out", "master", "overview.json")))!;
        Assert.Equal(-14.0, overview["target_lufs"]!.GetValue<double>());
        Assert.NotEmpty(overview["output"]!["waveform"]!["max"]!.AsArray());
        Assert.NotEmpty(overview["input"]!["spectrum"]!["db"]!.AsArray());
        Assert.Empty(Directory.GetDirectories(Path.Combine(_root, "out", "master"), ".renderfarm-*")); // the attempt's staging folder went with its publish
        Assert.Empty(Directory.GetDirectories(Path.Combine(_root, "out", "stems"), ".renderfarm-*"));
    }

    [Fact]
    public async Task RenderedAgain_UnchangedTracksComeFromTheStemCache_TheChangedOneIsRendered()
    {
        await _harness.Start();
        var sessionPath = Path.Combine(_root, "song3", "session.json");
        var count = SessionLoader.Load(sessionPath).Tracks.Count;
        for (var t = 0; t < count; t++)
        {
            await _harness.Bus.Publish(new RenderTrack($"a/track-{t}", 1, "song3/session.json", t, "a/stems"), TestContext.Current.CancellationToken);
        }

        var first = (await Completions(count)).ToDictionary(c => c.TaskId);

        // The bass's fader moves; nothing else does.
        var document = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(sessionPath))!;
        document["tracks"]![2]!["gain_db"] = -5.0;
        File.WriteAllText(sessionPath, document.ToJsonString());
        for (var t = 0; t < count; t++)
        {
            await _harness.Bus.Publish(new RenderTrack($"b/track-{t}", 1, "song3/session.json", t, "b/stems"), TestContext.Current.CancellationToken);
        }

        var second = (await Completions(2 * count)).Where(c => c.TaskId.StartsWith("b/", StringComparison.Ordinal)).ToDictionary(c => c.TaskId);
        for (var t = 0; t < count; t++)
        {
            var (before, after) = (first[$"a/track-{t}"], second[$"b/track-{t}"]);
            var cached = after.Log.Contains("stems taken from the stem cache", StringComparison.Ordinal);
            Assert.Equal(t != 2, cached);
            Assert.Equal(t != 2, before.Outputs.Select(o => o.Sha256).SequenceEqual(after.Outputs.Select(o => o.Sha256)));
            Assert.All(after.Outputs, o => Assert.Equal(o.Sha256, Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(Path.Combine(_root, o.Path))))));
        }
    }

    [Fact]
    public async Task MasterThenEachDeliverableAsItsOwnTask_SameBytesAsOnePass_MasterReleasedAfter()
    {
        await _harness.Start();
        var ct = TestContext.Current.CancellationToken;
        File.WriteAllText(Path.Combine(_root, "three.json"), """{ "target": "apple-music", "deliverables": [ { "format": "wav" }, { "format": "cd" }, { "format": "aac" } ] }""");
        const string Mix = "song3/stems/ch01-ensemble.wav";
        var tags = new TitleMetadata { Title = "Ensemble", Artist = "Blupi" };
        await _harness.Bus.Publish(new MasterMix { TaskId = "s/master", Attempt = 1, InputPath = Mix, Profile = "three.json", OutputDirectory = "out/split", Metadata = tags, Origination = Origination, MasterDirectory = ".renderfarm/masters/s/g1" }, ct);
        var master = Assert.Single(await Completions(1));
        Assert.Equal(["out/split/report.json", "out/split/overview.json"], master.Outputs.Select(o => o.Path));
        Assert.True(MasterFiles.Exists(Path.Combine(_root, ".renderfarm/masters/s/g1")));

        // A second attempt writes the same files, reports included (its timings go with its result, not into
        // the file), so whichever attempt wrote last, the files keep the hashes on record.
        await _harness.Bus.Publish(new MasterMix { TaskId = "s/master", Attempt = 2, InputPath = Mix, Profile = "three.json", OutputDirectory = "out/split", Metadata = tags, Origination = Origination, MasterDirectory = ".renderfarm/masters/s/g1" }, ct);
        var again = (await Completions(2)).Single(c => c.Attempt == 2);
        Assert.Equal(master.Outputs, again.Outputs);
        Assert.Matches(@" took analyse and chain \d+\.\d\d s, ", again.Log);
        Assert.Equal(("out/split/report.json", "out/split/overview.json"), (again.Report.File, again.Report.Overview));
        Assert.Equal(-16.0, again.Report.Headline?.TargetLufs); // (apple-music)
        Assert.DoesNotContain("timings_s", File.ReadAllText(Path.Combine(_root, "out/split/report.json")), StringComparison.Ordinal);
        for (var i = 0; i < 3; i++)
        {
            await _harness.Bus.Publish(new EncodeDeliverable($"s/deliver-{i}", 1, ".renderfarm/masters/s/g1", "three.json", i, "out/split"), ct);
        }

        var delivered = (await Completions(5)).Where(c => c.TaskId.Contains("deliver", StringComparison.Ordinal)).OrderBy(c => c.TaskId, StringComparer.Ordinal).ToArray();
        var direct = new MasteringJob(ProfileLoader.Load(Path.Combine(_root, "three.json"))).Run(Path.Combine(_root, Mix), Path.Combine(_root, "direct"),
            new MasteringJobOptions { Origination = Origination, Metadata = new Mastering.Metadata.TrackMetadata { Title = "Ensemble", Artist = "Blupi" } }, ct);
        Assert.Equal(direct.Deliverables.Select(d => ($"out/split/{Path.GetFileName(d.Path)}", d.Sha256)), delivered.Select(c => (Assert.Single(c.Outputs).Path, c.Outputs[0].Sha256)));
        Assert.All(delivered, c => Assert.Equal((c.Outputs[0].Path, c.Outputs[0].Sha256), (c.Report.Deliverable?.Path, c.Report.Deliverable?.Sha256)));
        Assert.Equal(["master", "cd", "aac"], delivered.Select(c => c.Report.Deliverable?.Label));

        await _harness.Bus.Publish(new ReleaseMaster(".renderfarm/masters/s/g1"), ct);
        for (var i = 0; i < 100 && Directory.Exists(Path.Combine(_root, ".renderfarm/masters/s/g1")); i++)
        {
            await Task.Delay(100, ct);
        }

        Assert.False(Directory.Exists(Path.Combine(_root, ".renderfarm/masters/s/g1")));
        Assert.False(Directory.Exists(Path.Combine(_root, ".renderfarm/masters/s")));
        Assert.True(Directory.Exists(Path.Combine(_root, ".renderfarm/masters")));
        string[] expected = ["report.json", "overview.json", .. direct.Deliverables.Select(d => Path.GetFileName(d.Path))];
        Assert.Equal(expected.Order(StringComparer.Ordinal), Directory.GetFiles(Path.Combine(_root, "out/split")).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task AlbumTask_ALateAttemptAfterTheFinishedOne_KeepsItsFiles_AndAnAttemptClearsOnlyEarlierLeftovers()
    {
        await _harness.Start();
        var ct = TestContext.Current.CancellationToken;
        File.WriteAllText(Path.Combine(_root, "album.json"), """{ "deliverables": [ { "format": "flac" }, { "format": "cd" } ], "target": "spotify" }""");
        File.WriteAllText(Path.Combine(_root, "song3", "duo.album.json"), """
            { "title": "Duo", "songs": [ { "path": "stems/ch01-ensemble.wav", "title": "Ensemble" }, { "path": "stems/ch09-drums.wav", "title": "Drums" } ] }
            """);
        var output = Path.Combine(_root, "out", "duo");
        MasterAlbum Attempt(int n) => new() { TaskId = "a/album", Attempt = n, AlbumPath = "song3/duo.album.json", Profile = "album.json", OutputDirectory = "out/duo", Origination = Origination };

        await _harness.Bus.Publish(Attempt(2), ct);
        var finished = Assert.Single(await Completions(1));
        Assert.Contains(finished.Outputs, o => o.Path == "out/duo/ddp/IMAGE.DAT");
        var sizes = finished.Outputs.ToDictionary(o => o.Path, o => new FileInfo(Path.Combine(_root, o.Path)).Length, StringComparer.Ordinal);

        // Attempt 1 (a worker that hung and woke) renders it again after attempt 2 finished: no recorded file
        // is ever missing or of another size meanwhile, and all hold what attempt 2 recorded.
        using var stop = new CancellationTokenSource();
        var gone = new List<string>();
        var watcher = Task.Run(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                gone.AddRange(sizes.Where(s => new FileInfo(Path.Combine(_root, s.Key)) is var f && (!f.Exists || f.Length != s.Value)).Select(s => s.Key));
                Thread.Sleep(1);
            }
        }, ct);
        await _harness.Bus.Publish(Attempt(1), ct);
        var late = (await Completions(2)).Single(c => c.Attempt == 1);
        await stop.CancelAsync();
        await watcher;
        Assert.Empty(gone.Distinct());
        Assert.Equal(finished.Outputs, late.Outputs);
        foreach (var o in finished.Outputs)
        {
            Assert.Equal(o.Sha256, Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(Path.Combine(_root, o.Path)))));
        }

        // What a killed attempt 2 left is cleared by attempt 3; a still later attempt's folder is not.
        var killed = Mastering.Albums.AlbumOutput.WorkFolder(output, 2);
        var later = Mastering.Albums.AlbumOutput.WorkFolder(output, 4);
        Directory.CreateDirectory(Path.Combine(killed, "out", "cd"));
        Directory.CreateDirectory(later);
        var killedReport = new RenderAttempt("a/album", 2, new RenderProgress(), () => { }, ct).Stage(output); // (its album-report.json's staging)
        File.WriteAllText(Path.Combine(killedReport, "album-report.json"), "{");
        await _harness.Bus.Publish(Attempt(3), ct);
        await Completions(3);
        Assert.False(Directory.Exists(killed));
        Assert.False(Directory.Exists(killedReport));
        Assert.True(Directory.Exists(later));
        Assert.Empty(Directory.GetDirectories(output, ".renderfarm-attempt-*"));
    }

    [Fact]
    public async Task LongRender_HeartbeatsWhileItRuns()
    {
        await _harness.Start();
        await _harness.Bus.Publish(new MasterMix { TaskId = "t/slow", Attempt = 1, InputPath = "song3/stems/ch09-drums.wav", Profile = "ebu-r128", OutputDirectory = "out/slow", Origination = Origination }, TestContext.Current.CancellationToken);
        await Completions(1);
        var beats = _claims.Renewals("t/slow");
        var completed = Assert.Single(_claims.Completions);
        Assert.True(beats >= 1 + (int)(completed.Seconds / 0.1) / 2, $"{beats} renewals in {completed.Seconds:0.00} s");
    }

    public static TheoryData<object, string, bool> BadCommands => new()
    {
        { new RenderTrack("bad/1", 1, "../outside.json", 0, "out/stems"), "session: '../outside.json' leads outside the media root", false },
        { new RenderTrack("bad/2", 1, "/etc/passwd", 0, "out/stems"), "session: '/etc/passwd' is not a path relative to the media root", false },
        { new RenderTrack("bad/3", 1, "song3/nothing.json", 0, "out/stems"), "the session file does not exist", false },
        { new MasterMix { TaskId = "bad/4", Attempt = 1, InputPath = "song3/stems/ch09-drums.wav", Profile = "not-a-profile.json", OutputDirectory = "out/m", Origination = Origination }, "not-a-profile.json", false },
        { new MixdownSession("bad/5", 1, "song3/session.json", "out/no-stems", "out/mix.wav"), "the stem is missing", false },
        { new EncodeDeliverable("bad/6", 1, "out/no-master", "spotify", 0, "out/m"), "there is no finished master here", false },
        { new EncodeDeliverable("bad/7", 1, "../outside", "spotify", 0, "out/m"), "master directory: '../outside' leads outside the media root", false },
        { new EncodeDeliverable("bad/8", 1, "out/no-master", "spotify", 7, "out/m"), "deliverable 8 of profile 'spotify': the profile has ", false },
    };

    [Theory]
    [MemberData(nameof(BadCommands))]
    public async Task BadCommand_FailsWithTheReason_NotRetryable(object command, string says, bool retryable)
    {
        await _harness.Start();
        await _harness.Bus.Publish(command, TestContext.Current.CancellationToken);
        var failed = await Failure();
        Assert.Contains(says, failed.Reason, StringComparison.Ordinal);
        Assert.Equal(retryable, failed.Retryable);

        // The worker's log of the attempt: taken, rendering, the failure and the frame of our code that threw it.
        var log = failed.Log.Split('\n');
        Assert.Matches(@"^\d\d:\d\d:\d\d\.\d{3} attempt 1 taken from the queue by test-worker \(process \d+ on ", log[0]);
        Assert.Contains(log, l => l.EndsWith(" rendering", StringComparison.Ordinal));
        Assert.Contains(log, l => l.Contains(" failed after ", StringComparison.Ordinal) && l.Contains(says, StringComparison.Ordinal));
        Assert.StartsWith("    at RenderFarm.", log[^1], StringComparison.Ordinal);
        Assert.Empty(_claims.Completions);
    }

    [Fact]
    public async Task RenderToldToStop_EndsWithinAHeartbeat_LeavesNothing_ReportsNothing()
    {
        await _harness.Start();
        var ct = TestContext.Current.CancellationToken;

        // The album takes seconds; the task says stop (cancelled, say) once the render has begun.
        File.WriteAllText(Path.Combine(_root, "album.json"), """{ "deliverables": [ { "format": "flac" }, { "format": "cd" } ], "target": "spotify" }""");
        File.WriteAllText(Path.Combine(_root, "song3", "duo.album.json"), """
            { "title": "Duo", "songs": [ { "path": "stems/ch01-ensemble.wav", "title": "Ensemble" }, { "path": "stems/ch09-drums.wav", "title": "Drums" } ] }
            """);
        await _harness.Bus.Publish(new MasterAlbum { TaskId = "x/album", Attempt = 1, AlbumPath = "song3/duo.album.json", Profile = "album.json", OutputDirectory = "out/stopped", Origination = Origination }, ct);
        for (var i = 0; i < 200 && _claims.Renewals("x/album") == 0; i++)
        {
            await Task.Delay(25, ct);
        }

        var told = System.Diagnostics.Stopwatch.StartNew();
        _claims.Stop("x/album", "the task is cancelled");
        var stats = _services.GetRequiredService<WorkerStats>();
        while (stats.Stopped == 0 && told.Elapsed < TimeSpan.FromSeconds(30))
        {
            await Task.Delay(10, ct);
        }

        Assert.Equal(1, stats.Stopped);
        Assert.True(told.Elapsed < TimeSpan.FromSeconds(5), $"stopped {told.Elapsed.TotalSeconds:0.0} s after it was told");
        Assert.Empty(_claims.Completions);
        Assert.Empty(_claims.Failures);
        var output = Path.Combine(_root, "out", "stopped");
        Assert.Empty(Directory.Exists(output) ? Directory.GetFileSystemEntries(output, "*", SearchOption.AllDirectories) : []);
    }

    [Fact]
    public async Task SameCommandTwice_RendersOnce_TheCopyIsDropped()
    {
        // A broker that redelivers a command while its first copy renders (a channel closed under it).
        await _harness.Start();
        var ct = TestContext.Current.CancellationToken;
        var command = new MasterMix { TaskId = "d/master", Attempt = 1, InputPath = "song3/stems/ch09-drums.wav", Profile = "spotify", OutputDirectory = "out/twice", Origination = Origination };
        await _harness.Bus.Publish(command, ct);
        await _harness.Bus.Publish(command, ct);
        var done = Assert.Single(await Completions(1));
        var stats = _services.GetRequiredService<WorkerStats>();
        for (var i = 0; i < 100 && stats.Dropped == 0; i++)
        {
            await Task.Delay(50, ct);
        }

        Assert.Equal(1, stats.Dropped);
        Assert.Single(_claims.Completions);
        Assert.All(done.Outputs, o => Assert.Equal(o.Sha256, Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(Path.Combine(_root, o.Path))))));
        Assert.Empty(Directory.GetDirectories(Path.Combine(_root, "out", "twice"), ".renderfarm-*"));
    }

    [Fact]
    public async Task StaleAttempt_RemovesOnlyEarlierAttemptsStaging_NeverTheCurrentFiles()
    {
        // What a killed attempt 1 left in the stems folder goes when attempt 2 runs; attempt 3's staging
        // folder (a later attempt, rendering now on another worker) and the finished stems of other tracks stay.
        await _harness.Start();
        var ct = TestContext.Current.CancellationToken;
        var stems = Path.Combine(_root, "out", "stale");
        Directory.CreateDirectory(stems);
        var probe = new RenderAttempt("s/track-7", 1, new RenderProgress(), () => { }, ct);
        var killed = probe.Stage(stems);
        File.WriteAllText(Path.Combine(killed, "008-drums.wav"), "half");
        var later = new RenderAttempt("s/track-7", 3, new RenderProgress(), () => { }, ct).Stage(stems);
        File.WriteAllText(Path.Combine(stems, "001-other.wav"), "another track's finished stem");
        await _harness.Bus.Publish(new RenderTrack("s/track-7", 2, "song3/session.json", 7, "out/stale"), ct);
        var done = Assert.Single(await Completions(1));
        Assert.False(Directory.Exists(killed));
        Assert.True(Directory.Exists(later));
        Assert.Equal("another track's finished stem", File.ReadAllText(Path.Combine(stems, "001-other.wav")));
        Assert.All(done.Outputs, o => Assert.Equal(o.Sha256, Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(Path.Combine(_root, o.Path))))));
    }

    public async ValueTask DisposeAsync()
    {
        await _harness.Stop();
        await _services.DisposeAsync();
        Directory.Delete(_root, recursive: true);
    }

    private Task<RecordingClaims.Completed[]> Completions(int count) => Until.Answered(() =>
    {
        Assert.Empty(_claims.Failures);
        return _claims.Completions.ToArray() is { } done && done.Length >= count ? done : null;
    }, TimeSpan.FromMinutes(2), what: $"{count} completions");

    private Task<RecordingClaims.Failed> Failure() =>
        Until.Answered(() => _claims.Failures is [var failed, ..] ? failed : null, TimeSpan.FromMinutes(2), what: "a failure");
}
