using RenderFarm.Grains;
using RenderFarm.Host.Tests.Api;
using RenderFarm.Testing;

namespace RenderFarm.Host.Tests;

/// <summary>
/// A catalogue paused, and another cancelled, while their long masters render (the embedded default, two
/// workers): the running renders stop within 5 s (the workers' leases are answered "stop"), their staging
/// is removed and nothing half-written is left; the paused catalogue, resumed, renders every title to the
/// end with the same outputs as ever; the cancelled one ends cancelled with no outputs on disk.
/// </summary>
public sealed class StopWhenToldTests : IAsyncDisposable
{
    private readonly string _folder = Material.TempFolder("stop-when-told");

    [Fact]
    public async Task PausedOrCancelledWhileRendering_TheRendersStopWithinFiveSeconds_AndLeaveNothing()
    {
        var media = Path.Combine(_folder, "media");
        Material.LongMixes(Path.Combine(media, "long"), ["a", "b"], 480, 44100, "pcm_s16le");

        await using var host = new HostProcess(media, Path.Combine(_folder, "data"), new Dictionary<string, string> { ["Farm__Workers"] = "2" });
        await host.Start();

        // Paused mid-render: both renders stop, then resumed: the catalogue ends as if nothing happened.
        var paused = await host.Submit("long");
        var stopped = await StopsWithin(host, paused, "pause");
        Assert.True(stopped < TimeSpan.FromSeconds(5), $"the paused catalogue's renders stopped only after {stopped.TotalSeconds:0.0} s");
        AssertNothingLeft(media);
        Assert.Equal(JobStatus.Running, (await host.Get<CatalogSnapshot>($"api/catalogs/{paused}")).Status);
        await host.Act(paused, "resume");
        var done = await host.UntilEnded(paused, TimeSpan.FromMinutes(10));
        Assert.True(done.Status == JobStatus.Succeeded, string.Join("; ", done.Titles.Select(t => $"{t.TitleId} {t.Status} {t.Error}")));
        foreach (var title in done.Titles)
        {
            var master = Path.Combine(media, title.Spec.OutputDirectory, "master");
            Assert.Equal(title.Outputs.Select(o => Path.GetFileName(o.Path)).Order(), Directory.GetFiles(master).Select(Path.GetFileName).Order());
            var detail = await host.Get<TitleDetailView>($"api/titles/{title.TitleId}");
            var master1 = detail.Tasks.Single(t => t.Spec.Kind == TaskKind.Master);
            Assert.Contains(master1.Attempts, a => a.Outcome?.Contains("paused", StringComparison.Ordinal) == true);
        }

        AssertNothingLeft(media);

        // Cancelled mid-render: the renders stop, the catalogue ends cancelled, nothing of it on disk.
        var cancelled = await host.Submit("long");
        stopped = await StopsWithin(host, cancelled, "cancel");
        Assert.True(stopped < TimeSpan.FromSeconds(5), $"the cancelled catalogue's renders stopped only after {stopped.TotalSeconds:0.0} s");
        var ended = await host.UntilEnded(cancelled, TimeSpan.FromMinutes(1));
        Assert.Equal(JobStatus.Cancelled, ended.Status);
        Assert.All(ended.Titles, t => Assert.Empty(t.Outputs));
        AssertNothingLeft(media);
    }

    public ValueTask DisposeAsync()
    {
        Directory.Delete(_folder, recursive: true);
        return ValueTask.CompletedTask;
    }

    // Waits until both workers master, posts the action, and gives how long until the workers said they
    // render nothing (an upper bound: the first report made after the post that shows them idle).
    private static async Task<TimeSpan> StopsWithin(HostProcess host, string id, string action)
    {
        await host.Farm(farm => farm.Workers.Sum(w => w.Report.Busy) >= 2, seconds: 120);
        var posted = DateTimeOffset.UtcNow;
        await host.Act(id, action);
        return await HostProcess.RendersStopped(() => host.Get<FarmStatus>("api/farm"), posted, TimeSpan.FromSeconds(60)) ?? TimeSpan.MaxValue;
    }

    private static void AssertNothingLeft(string media)
    {
        var renders = Path.Combine(media, "renders");
        if (!Directory.Exists(renders))
        {
            return;
        }

        Assert.Empty(Directory.GetFiles(renders, "*.partial*", SearchOption.AllDirectories));
        Assert.Empty(Directory.GetDirectories(renders, ".renderfarm-*", SearchOption.AllDirectories));
    }
}
