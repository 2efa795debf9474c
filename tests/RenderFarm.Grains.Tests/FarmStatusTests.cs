namespace RenderFarm.Grains.Tests;

/// <summary>The farm status grain: silos from membership, workers from their reports, rates over the last minutes, silence and forgetting.</summary>
public sealed class FarmStatusTests(ClusterFixture fixture) : IClassFixture<ClusterFixture>
{
    [Fact]
    public async Task Reports_GiveRatesQueueAndFailures_SilentWorkersAreMarkedThenForgotten()
    {
        var time = fixture.Time;
        var status = fixture.Grains.GetGrain<IFarmStatusGrain>(0);
        var started = time.GetUtcNow();
        WorkerReport Report(string worker, long done, long failed, params TaskFailure[] failures) => new()
        {
            Worker = worker,
            Host = "render-01",
            Slots = 2,
            Busy = 1,
            Done = done,
            Failed = failed,
            StartedAt = started,
            ReportedAt = time.GetUtcNow(),
            RecentFailures = failures,
            QueueWaiting = 7,
            QueueConsumers = 2,
            QueueSource = "rabbitmq",
        };

        await status.Report(Report("w-1", 10, 0));
        await status.Report(Report("w-2", 0, 0));
        time.Advance(TimeSpan.FromMinutes(1));
        var failure = new TaskFailure("cat/0001/master", 1, "disk full", true, time.GetUtcNow(), "w-1");
        await status.Report(Report("w-1", 16, 1, failure));
        await status.Report(Report("w-2", 3, 0));

        var now = await status.GetStatus();
        Assert.Equal(2, now.Silos.Count(s => s.Status == "Active"));
        Assert.Equal(["w-1", "w-2"], now.Workers.Select(w => w.Report.Worker));
        Assert.All(now.Workers, w => Assert.True(w.Answering));
        Assert.Equal(6.0, now.Workers[0].DonePerMinute, 6);
        Assert.Equal(9.0, now.DonePerMinute, 6);
        Assert.Equal(1.0, now.FailedPerMinute, 6);
        Assert.Equal((7L, 2, "rabbitmq"), (now.QueueWaiting!.Value, now.QueueConsumers!.Value, now.QueueSource));
        Assert.Equal("disk full", Assert.Single(now.RecentFailures).Reason);

        // w-2 falls silent; w-1 restarts (its counts begin again).
        time.Advance(TimeSpan.FromSeconds(20));
        await status.Report(Report("w-1", 0, 0) with { StartedAt = time.GetUtcNow() });
        now = await status.GetStatus();
        Assert.False(now.Workers.Single(w => w.Report.Worker == "w-2").Answering);
        Assert.Equal(0, now.Workers.Single(w => w.Report.Worker == "w-1").DonePerMinute);
        Assert.Empty(now.RecentFailures);

        time.Advance(TimeSpan.FromMinutes(31));
        await status.Report(Report("w-1", 1, 0) with { StartedAt = now.Workers[0].Report.StartedAt });
        now = await status.GetStatus();
        Assert.Equal("w-1", Assert.Single(now.Workers).Report.Worker);
    }
}
