using RenderFarm.Contracts.Reports;
using RenderFarm.Testing;

namespace RenderFarm.Grains.Tests;

/// <summary>
/// The grains' state machine on an Orleans test cluster, the workers played by the test through the
/// recorded dispatches: pipelines, fencing, retries, heartbeat timeouts, cancel, pause and retry of
/// failed titles. Time is a fake clock the test moves.
/// </summary>
public sealed class PipelineTests(ClusterFixture fixture) : IClassFixture<ClusterFixture>
{
    // (a queue timeout of a day: the fake clock other tests move must not send commands again here)
    private static readonly TaskPolicy Policy = new() { HeartbeatTimeout = TimeSpan.FromMinutes(2), MaxAttempts = 3, QueueTimeout = TimeSpan.FromDays(1) };

    private IGrainFactory Grains => fixture.Grains;

    private RecordingDispatcher Dispatcher => fixture.Dispatcher;

    [Fact]
    public async Task Session_TracksThenMixdownThenMaster_EndsSucceededWithTheMastersOutputs()
    {
        var (catalog, id) = await Submit(Session(0, 1, 4), Mix("b.wav"));
        var title = $"{id}/0001";
        Assert.Equal([$"{title}/track-0", $"{title}/track-1", $"{title}/track-4"], Dispatcher.For(title).Select(d => d.TaskId));
        Assert.All(Dispatcher.For(title), d => Assert.Equal("out/0001/stems", d.Spec is TrackTaskSpec t ? t.StemsDirectory : ((MixdownTaskSpec)d.Spec).StemsDirectory));
        Assert.Single(Dispatcher.For($"{id}/0002/master"));

        foreach (var track in new[] { 0, 1 })
        {
            await Task(title, $"track-{track}").Complete(1, "silo-a", [new($"out/0001/stems/{track}.wav", "ab")]);
        }

        Assert.Empty(Dispatcher.For($"{title}/mixdown")); // not before every track is done
        await Task(title, "track-4").Complete(1, "silo-b", []);
        var mixdown = Assert.IsType<MixdownTaskSpec>(await Until.Answered(() => Dispatcher.FirstSpec($"{title}/mixdown")));
        Assert.Equal("out/0001/mix.wav", mixdown.MixPath);
        await Task(title, "mixdown").Complete(1, "silo-a", [new("out/0001/mix.wav", "cd")]);
        var master = Assert.IsType<MasterTaskSpec>(await Until.Answered(() => Dispatcher.FirstSpec($"{title}/master")));
        Assert.Equal("out/0001/mix.wav", master.MixPath);
        Assert.Equal("spotify", master.Profile);
        await Task(title, "master").Complete(1, "silo-b", [new("out/0001/master/mix.master.wav", "ef")]);
        await Task($"{id}/0002", "master").Complete(1, "silo-a", [new("out/0002/master/b.master.wav", "12")]);

        var done = await Until.Answered(async () => await catalog.GetSnapshot() is { Status: JobStatus.Succeeded } s ? s : null);
        var first = done.Titles[0];
        Assert.Equal(JobStatus.Succeeded, first.Status);
        Assert.Equal(TitleStage.Done, first.Stage);
        Assert.Equal(1.0, first.Progress);
        Assert.Equal("out/0001/master/mix.master.wav", Assert.Single(first.Outputs).Path);
        Assert.Equal(5, first.Tasks.Count);
        Assert.Equal(2, done.Count(JobStatus.Succeeded));
        Assert.NotNull(done.EndedAt);
    }

    [Fact]
    public async Task ProfileWithARestoreSection_RestoresFirst_ThenMastersTheRestoredFile()
    {
        var (catalog, id) = await Submit(Mix("old.wav") with { Restore = true }, Session(0) with { Restore = true });
        var title = $"{id}/0001";
        var restore = Assert.IsType<RestoreTaskSpec>(Assert.Single(Dispatcher.For(title)).Spec);
        Assert.Equal(("old.wav", "spotify", "out/0002/restore/restored.wav"), (restore.InputPath, restore.Profile, restore.OutputPath));
        Assert.Equal(TitleStage.Restore, (await Grains.GetGrain<ITitleGrain>(title).GetSnapshot()).Stage);
        await Task(title, "restore").Complete(1, "silo-a", [new("out/0002/restore/restored.wav", "aa"), new("out/0002/restore/restore.json", "bb")],
            new TaskReport { File = "out/0002/restore/restore.json" });
        var master = Assert.IsType<MasterTaskSpec>(await Until.Answered(() => Dispatcher.FirstSpec($"{title}/master")));
        Assert.Equal("out/0002/restore/restored.wav", master.MixPath);
        await Task(title, "master").Complete(1, "silo-b", [new("out/0002/master/old.master.wav", "cc")]);

        // A session: its mix is restored after the mixdown.
        var session = $"{id}/0002";
        await Task(session, "track-0").Complete(1, "silo-a", []);
        await Until.Answered(() => Dispatcher.FirstSpec($"{session}/mixdown"));
        await Task(session, "mixdown").Complete(1, "silo-a", [new("out/0001/mix.wav", "dd")]);
        var restoreMix = Assert.IsType<RestoreTaskSpec>(await Until.Answered(() => Dispatcher.FirstSpec($"{session}/restore")));
        Assert.Equal("out/0001/mix.wav", restoreMix.InputPath);
        await Task(session, "restore").Complete(1, "silo-b", [], new TaskReport { File = "out/0001/restore/restore.json" });
        // (completed once it has been sent: a completion before the master starts is not its attempt's)
        Assert.Equal("out/0001/restore/restored.wav", Assert.IsType<MasterTaskSpec>(await Until.Answered(() => Dispatcher.FirstSpec($"{session}/master"))).MixPath);
        await Task(session, "master").Complete(1, "silo-b", []);

        var done = await Until.Answered(async () => await catalog.GetSnapshot() is { Status: JobStatus.Succeeded } s ? s : null);
        Assert.Equal("out/0002/restore/restore.json", (await Grains.GetGrain<ITitleGrain>(title).GetSnapshot()).RestoreReportFile);
        Assert.Equal(["restore", "master"], done.Titles[0].Tasks.Select(t => t[(title.Length + 1)..]));
    }

    [Fact]
    public async Task Mix_MasterThenOneTaskPerDeliverable_ReportMerged_MasterReleased()
    {
        var (catalog, id) = await Submit(Mix("a.wav") with { Deliverables = ["master", "mp3"] });
        var title = $"{id}/0001";
        var master = Assert.IsType<MasterTaskSpec>(Assert.Single(Dispatcher.For(title)).Spec);
        Assert.Equal(TaskKind.Master, master.Kind);
        Assert.Equal($".renderfarm/masters/{title}/g1", master.MasterDirectory);
        await Task(title, "master").Progress(1, "silo-a", 0.5);
        // (the task tells its title by a one-way call: the title has it a moment later)
        var progressed = await Until.Answered(async () => await Grains.GetGrain<ITitleGrain>(title).GetSnapshot() is { Progress: > 0 } t ? t : null);
        Assert.Equal(0.4, progressed.Progress, 6);
        await Task(title, "master").Complete(1, "silo-a", [new("out/0002/master/report.json", "aa")], new TaskReport
        {
            File = "out/0002/master/report.json",
            Headline = new TitleLoudness { InputLufs = -20.5, OutputLufs = -14.01, OutputTruePeakDbtp = -1.1, OutputRangeLu = 5.2, TargetLufs = -14.0, TargetMet = true, QcFindings = 1 },
        });

        var deliver = await Until.Answered(() => Dispatcher.For($"{title}/deliver-") is { Count: 2 } d ? d : null);
        Assert.All(deliver, d => Assert.Equal((TaskKind.Deliverable, master.MasterDirectory, "out/0002/master"), (d.Spec.Kind, ((DeliverableTaskSpec)d.Spec).MasterDirectory, ((DeliverableTaskSpec)d.Spec).OutputDirectory)));
        Assert.Equal([0, 1], deliver.Select(d => ((DeliverableTaskSpec)d.Spec).DeliverableIndex));
        Assert.Equal(TitleStage.Deliverables, (await Grains.GetGrain<ITitleGrain>(title).GetSnapshot()).Stage);

        // The MP3 fails once (retryable) and is sent again; the WAV succeeds; nothing is released before the end.
        await Task(title, "deliver-1").Fail(1, "silo-b", "ffmpeg died", retryable: true, log: "12:00:00.000 rendering\n12:00:01.000 failed after 1.00 s: IOException: ffmpeg died");
        await Task(title, "deliver-0").Complete(1, "silo-b", [new("out/0002/master/a.master.wav", "bb")],
            new TaskReport { Deliverable = new DeliverableEntry { Label = "master", Path = "out/0002/master/a.master.wav" } });
        Assert.DoesNotContain(master.MasterDirectory, Dispatcher.Released);
        await Task(title, "deliver-1").Complete(2, "silo-c", [new("out/0002/master/a.mp3", "cc")],
            new TaskReport { Deliverable = new DeliverableEntry { Label = "mp3", Path = "out/0002/master/a.mp3", Qc = [new QcEntry { Kind = "clipping", StartS = 1.5, Severity = "warning" }] } });

        var done = await Until.Answered(async () => await catalog.GetSnapshot() is { Status: JobStatus.Succeeded } s ? s : null);
        var snapshot = await Grains.GetGrain<ITitleGrain>(title).GetSnapshot();
        Assert.Equal(["out/0002/master/a.master.wav", "out/0002/master/a.mp3", "out/0002/master/report.json"], snapshot.Outputs.Select(o => o.Path));
        Assert.Equal(3, snapshot.Tasks.Count);
        Assert.Equal("out/0002/master/report.json", snapshot.ReportFile);

        // Read back, the master's report (its file) gets each deliverable's entry in the profile's order and their
        // findings staged by label, as a one-pass master's report has them.
        var onDisk = ReportJson.Write(new MasterReport { Qc = [new QcEntry { Stage = "input", Kind = "dc_offset", Severity = "warning" }] });
        var read = await TitleReports.Read(Grains, snapshot, path => path == snapshot.ReportFile ? new MemoryStream(System.Text.Encoding.UTF8.GetBytes(onDisk)) : null);
        var report = Assert.IsType<MasterReport>(read?.Master);
        Assert.Equal(["master", "mp3"], report.Deliverables.Select(d => d.Label));
        Assert.Equal(["input", "mp3"], report.Qc.Select(f => f.Stage));
        Assert.Equal(1.5, report.Qc[1].StartS);
        Assert.Equal(1.0, done.Titles[0].Progress);
        await Until.Answered(() => Dispatcher.Released.Contains(master.MasterDirectory) ? "" : null); // (from the title's outbox)
        Assert.Single(Dispatcher.Released, master.MasterDirectory);
        var attempts = (await Task(title, "deliver-1").GetSnapshot()).Attempts;
        Assert.Equal(("failed: ffmpeg died", "silo-b"), (attempts[0].Outcome, attempts[0].Worker));
        Assert.EndsWith("IOException: ffmpeg died", attempts[0].Log, StringComparison.Ordinal);
        Assert.Null(attempts[1].Log);

        // The catalogue shows the report's headline figures for the title, QC counted after the merge.
        Assert.Equal(new TitleLoudness { InputLufs = -20.5, OutputLufs = -14.01, OutputTruePeakDbtp = -1.1, OutputRangeLu = 5.2, TargetLufs = -14.0, TargetMet = true, QcFindings = 2, QcErrors = 0 }, done.Titles[0].Loudness);
    }

    [Fact]
    public async Task SilentAttempt_IsDispatchedAgain_AndItsLateCompletionIsIgnored()
    {
        var (catalog, id) = await Submit(Mix("a.wav"));
        var task = Task($"{id}/0001", "master");
        await task.Progress(1, "silo-a", 0.3);
        fixture.Time.Advance(TimeSpan.FromMinutes(1));
        await task.Check();
        Assert.Equal(1, (await task.GetSnapshot()).Attempt); // a minute of silence is within the timeout

        fixture.Time.Advance(TimeSpan.FromMinutes(2));
        await task.Check();
        var snapshot = await task.GetSnapshot();
        Assert.Equal(2, snapshot.Attempt);
        Assert.Equal(JobStatus.Queued, snapshot.Status);
        Assert.StartsWith("timed out: no heartbeat from silo-a for 180 s", snapshot.Attempts[0].Outcome, StringComparison.Ordinal);
        Assert.Equal([1, 2], Dispatcher.For($"{id}/0001/master").Select(d => d.Attempt));

        // The first worker was only slow: its completion comes in late and is ignored.
        await task.Complete(1, "silo-a", [new("late.wav", "00")]);
        snapshot = await task.GetSnapshot();
        Assert.Equal(JobStatus.Queued, snapshot.Status);
        Assert.Equal(1, snapshot.IgnoredReports);

        await task.Progress(2, "silo-b", 0.5);
        await task.Complete(2, "silo-b", [new("good.wav", "11")]);
        await task.Complete(2, "silo-b", [new("again.wav", "22")]); // a second delivery of the same result
        snapshot = await task.GetSnapshot();
        Assert.Equal(JobStatus.Succeeded, snapshot.Status);
        Assert.Equal("good.wav", Assert.Single(snapshot.Outputs).Path);
        Assert.Equal(2, snapshot.IgnoredReports);
        Assert.Equal("silo-b", snapshot.Worker);
        var done = await Until.Answered(async () => await catalog.GetSnapshot() is { Status: JobStatus.Succeeded } s ? s : null);
        Assert.Equal("good.wav", Assert.Single(done.Titles[0].Outputs).Path);
    }

    [Fact]
    public async Task Webhook_IsCalledOnceWhenTheCatalogueEnds_WithItsFinalState()
    {
        var id = $"cat-{Guid.NewGuid():N}";
        var catalog = Grains.GetGrain<ICatalogGrain>(id);
        await catalog.Submit(new CatalogSpec { Name = "hooked", Titles = [Mix("a.wav")], Policy = Policy, Webhook = "https://example.org/done" });
        Assert.DoesNotContain(fixture.Notifier.Calls, c => c.Catalog.CatalogId == id);
        await Task($"{id}/0001", "master").Complete(1, "silo-a", []);
        var call = await Until.Answered(() => fixture.Notifier.Calls.Where(c => c.Catalog.CatalogId == id).Select(c => (Call: c, Found: true)).FirstOrDefault() is { Found: true } f ? f.Call.Catalog : null);
        Assert.Equal(JobStatus.Succeeded, call.Status);
        await catalog.GetSnapshot();
        Assert.Single(fixture.Notifier.Calls, c => c.Catalog.CatalogId == id);
    }

    [Fact]
    public async Task Rerender_RunsTheTitleAgainWithNewTasks_AndTheCatalogueEndsAgain()
    {
        var (catalog, id) = await Submit(Session(0, 1));
        var title = $"{id}/0001";
        await Task(title, "track-0").Complete(1, "silo-a", []);
        await Task(title, "track-1").Complete(1, "silo-a", []);
        await Until.Answered(() => Dispatcher.FirstSpec($"{title}/mixdown"));
        await Task(title, "mixdown").Complete(1, "silo-a", []);
        await Until.Answered(() => Dispatcher.FirstSpec($"{title}/master"));
        await Task(title, "master").Complete(1, "silo-a", [new("v1.wav", "01")]);
        await Until.Answered(async () => await catalog.GetSnapshot() is { Status: JobStatus.Succeeded } s ? s : null);

        await catalog.Rerender();
        Assert.Equal([$"{title}/g2/track-0", $"{title}/g2/track-1"], Dispatcher.For($"{title}/g2/").Select(d => d.TaskId));
        var running = await catalog.GetSnapshot();
        Assert.Equal(JobStatus.Running, running.Status);
        Assert.Null(running.EndedAt);
        foreach (var name in new[] { "g2/track-0", "g2/track-1" })
        {
            await Task(title, name).Complete(1, "silo-b", []);
        }

        await Until.Answered(() => Dispatcher.FirstSpec($"{title}/g2/mixdown"));
        await Task(title, "g2/mixdown").Complete(1, "silo-b", []);
        await Until.Answered(() => Dispatcher.FirstSpec($"{title}/g2/master"));
        await Task(title, "g2/master").Complete(1, "silo-b", [new("v2.wav", "02")]);
        var done = await Until.Answered(async () => await catalog.GetSnapshot() is { Status: JobStatus.Succeeded } s ? s : null);
        Assert.Equal("v2.wav", Assert.Single(done.Titles[0].Outputs).Path);
        Assert.Equal(8, done.Titles[0].Tasks.Count);
    }

    [Fact]
    public async Task QueuedAttempt_DoesNotTimeOut_WhileItWaitsForAWorker()
    {
        var (_, id) = await Submit(Mix("a.wav"));
        var task = Task($"{id}/0001", "master");
        fixture.Time.Advance(TimeSpan.FromHours(1));
        await task.Check();
        var snapshot = await task.GetSnapshot();
        Assert.Equal(1, snapshot.Attempt);
        Assert.Equal(JobStatus.Queued, snapshot.Status);
    }

    [Fact]
    public async Task RetryableFailures_AreTriedUpToTheLimit_ThenTheTitleFailsWithTheReason_AndRetryFailedRecovers()
    {
        var (catalog, id) = await Submit(Mix("a.wav"), Mix("b.wav"));
        var task = Task($"{id}/0001", "master");
        await task.Fail(1, "silo-a", "disk full writing out/0001/master/a.master.wav", retryable: true);
        await task.Fail(2, "silo-b", "disk full writing out/0001/master/a.master.wav", retryable: true);
        Assert.Equal(JobStatus.Queued, (await task.GetSnapshot()).Status);
        await task.Fail(3, "silo-a", "disk full writing out/0001/master/a.master.wav", retryable: true);
        var snapshot = await task.GetSnapshot();
        Assert.Equal(JobStatus.Failed, snapshot.Status);
        Assert.Equal("disk full writing out/0001/master/a.master.wav (gave up after 3 attempts)", snapshot.Error);
        Assert.Equal(3, Dispatcher.For($"{id}/0001/master").Count);

        await Task($"{id}/0002", "master").Complete(1, "silo-a", []);
        var failed = await Until.Answered(async () => await catalog.GetSnapshot() is { Status: JobStatus.Failed } s ? s : null);
        Assert.Equal("master: master failed: disk full writing out/0001/master/a.master.wav (gave up after 3 attempts)", failed.Titles[0].Error);
        Assert.Equal(JobStatus.Succeeded, failed.Titles[1].Status);

        await catalog.RetryFailed();
        await Until.Answered(() => Dispatcher.For($"{id}/0001/master").Count == 4 ? "" : null);
        Assert.Equal(4, (await task.GetSnapshot()).Attempt);
        await task.Complete(4, "silo-b", []);
        await Until.Answered(async () => await catalog.GetSnapshot() is { Status: JobStatus.Succeeded } s ? s : null);
    }

    [Fact]
    public async Task NonRetryableFailure_FailsAtOnce_AndStopsTheTitlesOtherRenders()
    {
        var (catalog, id) = await Submit(Session(0, 1));
        var sibling = Task($"{id}/0001", "track-0");
        Assert.False((await sibling.Progress(1, "silo-b", 0.3)).Stop);
        await Task($"{id}/0001", "track-1").Fail(1, "silo-a", "song.json: $.tracks[1].source: 'gone.wav' does not exist", retryable: false);
        var failed = await Until.Answered(async () => await catalog.GetSnapshot() is { Status: JobStatus.Failed } s ? s : null);
        Assert.Equal("tracks: track-1 failed: song.json: $.tracks[1].source: 'gone.wav' does not exist", failed.Titles[0].Error);
        Assert.Single(Dispatcher.For($"{id}/0001/track-1"));

        // The other track's render is told to stop at its next renewal: the title is lost.
        // (the title hears of the failure by its courier, so the catalogue may read failed a moment first)
        var answer = await Until.Answered(async () => await sibling.Progress(1, "silo-b", 0.4) is { Stop: true } a ? a : null);
        Assert.True(answer.Stop);
        Assert.Equal(JobStatus.Cancelled, (await sibling.GetSnapshot()).Status);
    }

    [Fact]
    public async Task Cancel_StopsTheTitles_AndLateResultsAreIgnored()
    {
        var (catalog, id) = await Submit(Session(0, 1), Mix("b.wav"));
        await Task($"{id}/0001", "track-0").Complete(1, "silo-a", []);
        await catalog.Cancel();
        var cancelled = await Until.Answered(async () => await catalog.GetSnapshot() is { Status: JobStatus.Cancelled } s ? s : null);
        Assert.All(cancelled.Titles, t => Assert.Equal(JobStatus.Cancelled, t.Status));
        await Task($"{id}/0001", "track-1").Complete(1, "silo-b", []);
        Assert.Equal(JobStatus.Cancelled, (await Task($"{id}/0001", "track-1").GetSnapshot()).Status);
        Assert.Empty(Dispatcher.For($"{id}/0001/mixdown"));
    }

    [Fact]
    public async Task Pause_StopsTheRunningRenders_AndHoldsTheNextStage_UntilUnpaused()
    {
        var (catalog, id) = await Submit(Session(0, 1));
        var title = $"{id}/0001";
        await Task(title, "track-0").Complete(1, "silo-a", []);
        Assert.False((await Task(title, "track-1").Progress(1, "silo-b", 0.4)).Stop);

        // The render that runs is told to stop at its next renewal; its late completion changes nothing.
        await catalog.Pause();
        var answer = await Task(title, "track-1").Progress(1, "silo-b", 0.5);
        Assert.Equal((true, "the task is paused"), (answer.Stop, answer.Reason));
        await Task(title, "track-1").Complete(1, "silo-b", []);
        var paused = await Task(title, "track-1").GetSnapshot();
        Assert.True(paused.Paused);
        Assert.Equal((JobStatus.Queued, "paused", 1), (paused.Status, paused.Attempts[^1].Outcome, paused.IgnoredReports));
        var catalogue = await catalog.GetSnapshot();
        Assert.True(catalogue.Paused && catalogue.Titles[0].Paused);
        Assert.Empty(Dispatcher.For($"{title}/mixdown"));

        // Unpaused: sent again as a new attempt (not counted against the budget); then the next stage runs.
        await catalog.Unpause();
        var again = await Until.Answered(() => Dispatcher.For($"{title}/track-1") is { Count: 2 } d ? d : null);
        Assert.Equal([1, 2], again.Select(d => d.Attempt));
        await Task(title, "track-1").Complete(2, "silo-a", []);
        await Until.Answered(() => Dispatcher.FirstSpec($"{title}/mixdown"));
        Assert.Equal(1, (await Task(title, "track-1").GetSnapshot()).Attempts.Count(a => a.Outcome == "succeeded"));
    }

    [Fact]
    public async Task Priority_ReachesTheDispatchedTasks()
    {
        var (catalog, id) = await Submit(80, Session(0));
        Assert.Equal(80, Dispatcher.For($"{id}/0001/track-0")[0].Spec.Priority);
        await catalog.SetPriority(10);
        await Task($"{id}/0001", "track-0").Complete(1, "silo-a", []);
        var mixdown = await Until.Answered(() => Dispatcher.FirstSpec($"{id}/0001/mixdown"));
        Assert.Equal(10, mixdown.Priority);
    }

    private static TitleSpec Session(params int[] tracks) => new()
    {
        Kind = TitleKind.Session,
        Source = "song.json",
        Profile = "spotify",
        OutputDirectory = "out/0001",
        Tracks = tracks,
    };

    [Fact]
    public async Task LargeCatalogue_IsStartedInBatches_ThatAPauseACancelAndARetryReach()
    {
        // Two batches and a bit: the call returns with the first batch started and every title listed.
        var count = (2 * Catalogs.CatalogGrain.StartBatch) + 17;
        var titles = Enumerable.Range(0, count).Select(i => Mix($"m{i}.wav")).ToArray();
        var id = $"cat-{Guid.NewGuid():N}";
        var catalog = Grains.GetGrain<ICatalogGrain>(id);
        var first = await catalog.Submit(new CatalogSpec { Name = "big", Titles = titles, Policy = Policy });
        Assert.Equal(count, first.Titles.Count);
        Assert.Equal(JobStatus.Running, first.Status);
        Assert.All(first.Titles.Take(Catalogs.CatalogGrain.StartBatch), t => Assert.NotEqual(TitleStage.Waiting, t.Stage));
        Assert.NotNull(Dispatcher.FirstSpec($"{id}/0001/master"));

        // The rest start on their own, each title once; a pause on the way reaches the ones started after it.
        await catalog.Pause();
        var all = await Until.Answered(async () => await catalog.GetSnapshot() is var s && s.Titles.All(t => t.Stage != TitleStage.Waiting) ? s : null);
        Assert.All(all.Titles, t => Assert.True(t.Paused, $"{t.TitleId} is not paused"));
        Assert.Equal(count, Dispatcher.For(id).Select(d => d.TaskId).Distinct().Count());
        Assert.Equal(count, Dispatcher.For(id).Count);
        await catalog.Unpause();

        // Cancelled while it starts its titles: those not started yet are cancelled too; a retry starts them.
        var other = Grains.GetGrain<ICatalogGrain>($"cat-{Guid.NewGuid():N}");
        await other.Submit(new CatalogSpec { Name = "cut", Titles = titles, Policy = Policy });
        await other.Cancel();
        var cancelled = await Until.Answered(async () => await other.GetSnapshot() is { Status: JobStatus.Cancelled } s ? s : null);
        Assert.Equal(count, cancelled.Count(JobStatus.Cancelled));
        await other.RetryFailed();
        var retried = await Until.Answered(async () => await other.GetSnapshot() is var s && s.Titles.All(t => t.Status == JobStatus.Running && t.Stage != TitleStage.Waiting) ? s : null);
        Assert.Equal(JobStatus.Running, retried.Status);
    }

    [Fact]
    public async Task Dispatch_TheBusRefuses_TheTitleStartsAnyway_AndTheCommandGoesOutOnceTheBusTakesIt()
    {
        // The broker is away when the master's command is published: the task must not stay queued with
        // nothing on the bus (it did: the title's reconcile finds a started task and leaves it be).
        // Refused twice: sent again 3 s and 6 s later.
        Dispatcher.Refuse(spec => spec is MasterTaskSpec { MixPath: "unsent.wav" }, 2);
        var (_, id) = await Submit(Mix("unsent.wav"));
        var title = $"{id}/0001";
        var task = await Task(title, "master").GetSnapshot();
        Assert.Equal((JobStatus.Queued, 1), (task.Status, task.Attempt));
        Assert.Empty(Dispatcher.For(title));

        var sent = await Until.Answered(() => Dispatcher.For(title) is { Count: 1 } d ? d : null, TimeSpan.FromSeconds(10));
        Assert.Equal(($"{title}/master", 1), (sent[0].TaskId, sent[0].Attempt));
        await Task(title, "master").Complete(1, "silo-a", [new("out/0002/master/unsent.master.wav", "ab")]);
        Assert.Equal(JobStatus.Succeeded, (await Until.Answered(async () => await Grains.GetGrain<ITitleGrain>(title).GetSnapshot() is { Status: JobStatus.Succeeded } t ? t : null)).Status);
        Assert.Single(Dispatcher.For(title)); // sent once it was taken, not again
    }

    [Fact]
    public async Task Dispatch_APublishDeafToItsCancellation_HoldsTheTaskAtMostSeconds_APauseGetsThrough()
    {
        // While a broken RabbitMQ connection was torn down, a publish ran 16 s past its 3 s cancellation, and a
        // catalogue's pause waited behind it in the task's turn (the chaos run's paused renders went on as long).
        Dispatcher.Hang(spec => spec is MasterTaskSpec { MixPath: "deaf.wav" }, 1);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var (catalog, id) = await Submit(Mix("deaf.wav")).WaitAsync(TimeSpan.FromSeconds(15), TestContext.Current.CancellationToken);
        await catalog.Pause().WaitAsync(TimeSpan.FromSeconds(15), TestContext.Current.CancellationToken);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"the submission and the pause took {watch.Elapsed.TotalSeconds:0.0} s behind a hung publish");
        var title = $"{id}/0001";
        Assert.True((await Task(title, "master").GetSnapshot()).Paused);

        // The hung publish ends in failure later; unpaused, the next attempt goes out.
        Dispatcher.EndHangs();
        await catalog.Unpause();
        var sent = await Until.Answered(() => Dispatcher.For(title) is { Count: > 0 } d ? d : null);
        Assert.Equal(2, sent[^1].Attempt);
    }

    [Fact]
    public async Task Dispatch_ASpecThatCannotMakeACommand_FailsItsTitleSayingWhy()
    {
        // Not a broker away: no number of tries would send it, so it must not be tried for ever.
        Dispatcher.Refuse(spec => spec is MasterTaskSpec { MixPath: "unmakeable.wav" }, 1, new ArgumentException("the task spec lacks a path its command needs"));
        var id = $"cat-{Guid.NewGuid():N}";
        await Grains.GetGrain<ICatalogGrain>(id).Submit(new CatalogSpec { Name = "test", Titles = [Mix("unmakeable.wav")], Policy = Policy });
        var failed = await Until.Answered(async () => await Grains.GetGrain<ITitleGrain>($"{id}/0001").GetSnapshot() is { Status: JobStatus.Failed } t ? t : null);
        Assert.Contains("its command cannot be made: the task spec lacks a path", failed.Error, StringComparison.Ordinal);
        Assert.Empty(Dispatcher.For($"{id}/0001"));
    }

    private static TitleSpec Mix(string source) => new() { Kind = TitleKind.Mix, Source = source, Profile = "spotify", OutputDirectory = "out/0002" };

    private Task<(ICatalogGrain Catalog, string Id)> Submit(params TitleSpec[] titles) => Submit(50, titles);

    private async Task<(ICatalogGrain Catalog, string Id)> Submit(int priority, params TitleSpec[] titles)
    {
        var id = $"cat-{Guid.NewGuid():N}";
        var catalog = Grains.GetGrain<ICatalogGrain>(id);
        var snapshot = await catalog.Submit(new CatalogSpec { Name = "test", Titles = titles, Policy = Policy, Priority = priority });
        Assert.Equal(JobStatus.Running, snapshot.Status);
        Assert.Equal(titles.Length, snapshot.Titles.Count);
        return (catalog, id);
    }

    private IRenderTaskGrain Task(string title, string name) => Grains.GetGrain<IRenderTaskGrain>($"{title}/{name}");
}
