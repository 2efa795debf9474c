using RenderFarm.Contracts.Reports;
using RenderFarm.Testing;

namespace RenderFarm.Grains.Tests;

/// <summary>
/// The paths by which a task could be left hanging, run twice or served unwritten, each made to happen on a
/// three-silo cluster whose store outlives its silos: a silo killed while it publishes, a command the bus
/// lost, the store refusing writes as a task, a title and a catalogue change, a zombie worker, a webhook down.
/// Each failed on the grains before the outbox, the claims and commit-or-deactivate.
/// </summary>
public sealed class FaultTests(FaultClusterFixture fixture) : IClassFixture<FaultClusterFixture>
{
    private static readonly TaskPolicy Policy = new() { HeartbeatTimeout = TimeSpan.FromSeconds(30), QueueTimeout = TimeSpan.FromMinutes(10), MaxAttempts = 3 };

    private IGrainFactory Grains => fixture.Grains;

    [Fact]
    public async Task SiloKilledWhileItsPublishHangs_TheAttemptIsSentByTheNextActivation()
    {
        // The attempt is written, its publish hangs (the broker away), and the silo dies inside that window.
        // Before the outbox the attempt was persisted as sent: a new activation left it queued for ever.
        for (var tries = 0; ; tries++)
        {
            Assert.True(tries < 12, "every task landed on the primary silo");
            var id = $"kill-{Guid.NewGuid():N}/master";
            fixture.Bus.Hang(t => t == id);
            var task = Grains.GetGrain<IRenderTaskGrain>(id);
            var start = task.Start(Spec(), Policy);
            var silo = await Until.Answered(() => fixture.Bus.Hanging.TryGetValue(id, out var s) ? s : null, TimeSpan.FromSeconds(10));
            fixture.Bus.Hang(null);
            if (!await fixture.Kill(silo))
            {
                await start; // (on the primary, which the test cluster cannot lose: the next task)
                continue;
            }

            await Assert.ThrowsAnyAsync<Exception>(() => start);
            var sent = await Until.Answered(() => fixture.Bus.Sent.FirstOrDefault(s => s.TaskId == id) is { TaskId: not null } s ? s.Silo : null, TimeSpan.FromSeconds(60), poke: () => task.GetSnapshot());
            Assert.NotEqual(silo, sent);
            var snapshot = await task.GetSnapshot();
            Assert.Equal((JobStatus.Queued, 1, false), (snapshot.Status, snapshot.Attempt, snapshot.Unsent));
            return;
        }
    }

    [Fact]
    public async Task CommandNoWorkerClaims_IsSentAgain_SameAttempt_EachWaitTwiceTheLast()
    {
        // The bus took it and lost it (or it waits behind a queue that never moves): schedule to start.
        var id = $"lost-{Guid.NewGuid():N}/master";
        var task = Grains.GetGrain<IRenderTaskGrain>(id);
        await task.Start(Spec(), Policy);
        Assert.Single(fixture.Bus.Sent, s => s.TaskId == id);
        fixture.Time.Advance(TimeSpan.FromMinutes(9));
        await task.Check();
        Assert.Single(fixture.Bus.Sent, s => s.TaskId == id);
        fixture.Time.Advance(TimeSpan.FromMinutes(2));
        await task.Check();
        Assert.Equal([1, 1], fixture.Bus.Sent.Where(s => s.TaskId == id).Select(s => s.Attempt));
        fixture.Time.Advance(TimeSpan.FromMinutes(11));
        await task.Check();
        Assert.Equal(2, fixture.Bus.Sent.Count(s => s.TaskId == id)); // the second wait is 20 minutes
        fixture.Time.Advance(TimeSpan.FromMinutes(10));
        await task.Check();
        Assert.Equal(3, fixture.Bus.Sent.Count(s => s.TaskId == id));

        // A worker claims it at last: the copies still on the bus are refused.
        Assert.True((await task.Claim(1, "silo-a", "run-1")).Granted);
        var copy = await task.Claim(1, "silo-b", "run-2");
        Assert.False(copy.Granted);
        Assert.Equal("attempt 1 is being rendered by silo-a", copy.Refusal);
    }

    [Fact]
    public async Task StoreRefusesTheTasksFirstWrite_TheTitleStartsItOnceTheStoreIsBack()
    {
        // Before: the task kept its spec in memory though unwritten; the title's retry found it "started" and
        // nothing was ever sent (and the title's own start failed).
        var catalog = $"store-{Guid.NewGuid():N}";
        var taskId = $"{catalog}/0001/master";
        fixture.Store.Refuse(g => g.Contains(taskId, StringComparison.Ordinal), 2);
        var snapshot = await Grains.GetGrain<ICatalogGrain>(catalog).Submit(new CatalogSpec { Name = "store", Titles = [Mix()], Policy = Policy });
        Assert.Equal(JobStatus.Running, snapshot.Status);
        await Until.Answered(() => fixture.Bus.Sent.FirstOrDefault(s => s.TaskId == taskId) is { TaskId: not null } s ? s.TaskId : null, TimeSpan.FromSeconds(30));
        var task = await Grains.GetGrain<IRenderTaskGrain>(taskId).GetSnapshot();
        Assert.Equal((1, JobStatus.Queued), (task.Attempt, task.Status));
    }

    [Fact]
    public async Task LastDeliverableEnds_WhileAnotherCannotBeRead_TheTitleTakesTheEndOnceItCan()
    {
        // Before: the title took the last deliverable off its pending list, then failed to read the other one (its
        // grain not active, the store away): the unwritten removal stayed in memory, the courier's next delivery of
        // the end was ignored as already taken, and the title stayed in its deliverables stage for ever (seen in chaos).
        var id = $"deliver-{Guid.NewGuid():N}";
        var catalog = Grains.GetGrain<ICatalogGrain>(id);
        await catalog.Submit(new CatalogSpec { Name = "deliver", Titles = [Mix() with { Deliverables = ["master", "mp3"] }], Policy = Policy });
        var title = Grains.GetGrain<ITitleGrain>($"{id}/0001");
        IRenderTaskGrain Of(string name) => Grains.GetGrain<IRenderTaskGrain>($"{id}/0001/{name}");
        await Of("master").Complete(1, "silo-a", []);
        await Until.Answered(async () => (await title.GetSnapshot()).Stage == TitleStage.Deliverables ? "" : null);
        await Until.Answered(async () => await Started(Of("deliver-1")) ? "" : null);
        await Of("deliver-1").Progress(1, "silo-c", 0.5);
        await Of("deliver-0").Complete(1, "silo-b", [new("out/fault/a.wav", "aa")], new TaskReport { Deliverable = new DeliverableEntry { Label = "master" } });
        // (0.8 + 0.2 x the pending tasks' mean progress: 0.85 before the title took deliver-0's end, 0.9 after)
        await Until.Answered(async () => (await title.GetSnapshot()).Progress >= 0.9 - 1e-9 ? "" : null);

        // deliver-0 goes idle and is collected; its next activation cannot read its state, once.
        fixture.Store.RefuseReads(g => g.Contains($"{id}/0001/deliver-0", StringComparison.Ordinal), 1);
        await Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero, TestContext.Current.CancellationToken);
        await Of("deliver-1").Complete(1, "silo-c", [new("out/fault/a.mp3", "bb")], new TaskReport { Deliverable = new DeliverableEntry { Label = "mp3" } });

        var done = await Until.Answered(async () => await title.GetSnapshot() is { Status: JobStatus.Succeeded } t ? t : null, TimeSpan.FromSeconds(30));
        Assert.Equal(["out/fault/a.wav", "out/fault/a.mp3"], done.Outputs.Select(o => o.Path));
        await Until.Answered(async () => await catalog.GetSnapshot() is { Status: JobStatus.Succeeded } c ? c : null);

        static async Task<bool> Started(IRenderTaskGrain task)
        {
            try
            {
                return (await task.GetSnapshot()).Status == JobStatus.Queued;
            }
            catch (InvalidOperationException)
            {
                return false; // (not started yet)
            }
        }
    }

    [Fact]
    public async Task StoreRefusesAClaim_NoWorkerHoldsIt_AndTheNextClaimIsGranted()
    {
        var id = $"claim-{Guid.NewGuid():N}/master";
        var task = Grains.GetGrain<IRenderTaskGrain>(id);
        await task.Start(Spec(), Policy);
        fixture.Store.Refuse(g => g.Contains(id, StringComparison.Ordinal), 1);
        await Assert.ThrowsAnyAsync<Exception>(() => task.Claim(1, "silo-a", "run-1"));
        var snapshot = await task.GetSnapshot();
        Assert.Equal((JobStatus.Queued, null), (snapshot.Status, snapshot.Worker)); // not served as claimed
        var claim = await task.Claim(1, "silo-b", "run-2");
        Assert.True(claim.Granted);
        Assert.Equal("silo-b", (await task.GetSnapshot()).Worker);
    }

    [Fact]
    public async Task ZombieWorker_WakesAfterItsLeaseRanOut_IsToldToStop_AndCanChangeNothing()
    {
        var id = $"zombie-{Guid.NewGuid():N}/master";
        var task = Grains.GetGrain<IRenderTaskGrain>(id);
        await task.Start(Spec(), Policy);
        var zombie = await task.Claim(1, "silo-a", "run-1");
        fixture.Time.Advance(TimeSpan.FromSeconds(40)); // SIGSTOPped: no renewal
        await task.Check();
        Assert.Equal(2, (await task.GetSnapshot()).Attempt);
        var current = await task.Claim(2, "silo-b", "run-2");

        var answer = await task.Renew(1, zombie.Token, 0.9);
        Assert.Equal((true, "attempt 1 was superseded by attempt 2"), (answer.Stop, answer.Reason));
        await task.Complete(1, zombie.Token, [new("stale.wav", "00")], TaskReport.None);
        await task.Fail(1, zombie.Token, "woke up confused", retryable: true);
        Assert.False((await task.Renew(2, current.Token, 0.5)).Stop);
        await task.Complete(2, current.Token, [new("fresh.wav", "11")], TaskReport.None);
        var done = await task.GetSnapshot();
        Assert.Equal((JobStatus.Succeeded, "fresh.wav", 2), (done.Status, Assert.Single(done.Outputs).Path, done.IgnoredReports));
        Assert.StartsWith("timed out: no heartbeat from silo-a for 40 s", done.Attempts[0].Outcome, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WebhookDown_IsCalledAgainUntilItTakesTheEnd_EveryCallWithTheSameKey_AndNotAgainAfter()
    {
        var id = $"hook-{Guid.NewGuid():N}";
        var catalog = Grains.GetGrain<ICatalogGrain>(id);
        await catalog.Submit(new CatalogSpec { Name = "hooked", Titles = [Mix()], Policy = Policy, Webhook = "https://example.org/done" });
        var task = Grains.GetGrain<IRenderTaskGrain>($"{id}/0001/master");
        fixture.Notifier.Refuse(2);
        var refusedBefore = fixture.Notifier.Refused;
        await task.Complete(1, await task.ClaimAs(1, "silo-a"), [], TaskReport.None);
        var call = await Until.Answered(() => fixture.Notifier.Calls.FirstOrDefault(c => c.Catalog.CatalogId == id) is { Webhook: not null } c ? c.Key : null, TimeSpan.FromSeconds(40));
        Assert.Equal(refusedBefore + 2, fixture.Notifier.Refused);
        Assert.StartsWith($"{id}/", call, StringComparison.Ordinal);
        Assert.Equal(JobStatus.Succeeded, (await catalog.GetSnapshot()).Status);
        await Task.Delay(1000, TestContext.Current.CancellationToken);
        Assert.Single(fixture.Notifier.Calls, c => c.Catalog.CatalogId == id);
    }

    private static MasterTaskSpec Spec() => new() { TitleId = "nobody/0001", MixPath = "a.wav", Profile = "spotify", OutputDirectory = "out", Origination = DateTimeOffset.UnixEpoch };

    [Fact]
    public async Task Catalogue_ItsSpecIsWrittenOnce_ItsOwnWritesStaySmall_AndReadsAreSizedToTheView()
    {
        // 300 titles: the spec (every title's source, profile, folder, tags) goes to the store once, at submission;
        // the catalogue's own state, written on each of its changes, does not carry it.
        var id = $"big-{Guid.NewGuid():N}";
        var catalog = Grains.GetGrain<ICatalogGrain>(id);
        await catalog.Submit(new CatalogSpec { Name = "big", Titles = [.. Enumerable.Range(0, 300).Select(i => Mix() with { Source = $"albums/x/{i:000} song.wav" })], Policy = Policy });
        await catalog.SetPriority(20);
        await catalog.Pause();
        await catalog.Unpause();
        var spec = fixture.Store.Written("catalogspec", $"catalog/{id}");
        var own = fixture.Store.Written("catalog", $"catalog/{id}");
        Assert.Equal(1, spec.Writes);
        Assert.True(own.Writes >= 4, $"{own.Writes} writes");
        Assert.True(spec.Bytes > 10_000 && own.Bytes < 1_000, $"spec {spec.Bytes} bytes, the catalogue's own state {own.Bytes} bytes");

        // The views read a summary and a page, not 300 titles.
        var summary = await catalog.GetSummary();
        Assert.Equal((300, 20), (summary.Titles, summary.Priority));
        var page = await catalog.GetTitles(new TitleQuery { Offset = 10, Limit = 5, Search = "song" });
        Assert.Equal((300, 300, 5), (page.Total, page.Matching, page.Titles.Count));
        Assert.Equal($"{id}/0011", page.Titles[0].TitleId);
        var one = await catalog.GetTitles(new TitleQuery { Search = "123 SONG" });
        Assert.Equal($"{id}/0124", Assert.Single(one.Titles).TitleId);
        Assert.Empty((await catalog.GetTitles(new TitleQuery { Status = JobStatus.Failed })).Titles);
    }

    [Fact]
    public async Task CatalogueStateFromBefore_ItsSpecIsMovedToItsOwnState_AndTheCatalogueGoesOn()
    {
        // The catalogue's state as the version before kept it, spec inside (bytes made by that version).
        var before = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Data", "state-before-issue-18.tsv")).Select(l => l.Split('\t')).Single(f => f[0] == "catalog")[1];
        var id = $"old-{Guid.NewGuid():N}";
        fixture.Store.Put("catalog", $"catalog/{id}", Convert.FromBase64String(before));

        var summary = await Grains.GetGrain<ICatalogGrain>(id).GetSummary();
        Assert.Equal(("old", 2, "acme", 60), (summary.Name, summary.Titles, summary.Client, summary.Priority));
        Assert.Equal(1, fixture.Store.Written("catalogspec", $"catalog/{id}").Writes);
    }

    private static TitleSpec Mix() => new() { Kind = TitleKind.Mix, Source = "a.wav", Profile = "spotify", OutputDirectory = "out/fault" };
}
