using System.Diagnostics;
using RenderFarm.Grains;
using RenderFarm.Host.Tests.Api;
using RenderFarm.Testing;

namespace RenderFarm.Host.Tests;

/// <summary>
/// RabbitMQ closes the channel of a consumer that holds a delivery unacknowledged past its consumer
/// timeout (30 min by default) and hands every command that channel held to another consumer, while the
/// render still runs. infra/services.sh and docker-compose set it to a day, past the farm's run timeout;
/// here it is lowered to 5 s (looked at every second) under renders that take longer, to show that when it
/// fires anyway the claims keep it harmless: the redelivered commands are dropped (their attempt is being
/// rendered), no render starts twice, every title succeeds in its first attempt, and nothing is left over.
/// </summary>
public sealed class ConsumerTimeoutTests : IAsyncDisposable
{
    private readonly string _folder = Material.TempFolder("consumer-timeout");
    private LocalServices? _services;
    private HostProcess? _silo;

    [Fact]
    public async Task RendersLongerThanTheBrokersConsumerTimeout_AreNotRunTwice_AndEveryTitleEndsOnce()
    {
        var media = Path.Combine(_folder, "media");
        Material.LongMixes(Path.Combine(media, "long"), ["a", "b", "c"], 240, 48000, "pcm_s24le");

        _services = LocalServices.Start(Path.Combine(_folder, "services"), consumerTimeout: TimeSpan.FromSeconds(5));
        _silo = new HostProcess(media, Path.Combine(_folder, "data"), new Dictionary<string, string>(_services.Settings)
        {
            ["Farm__Name"] = "silo-1",
            ["Farm__ClusterId"] = $"timeout-{Guid.NewGuid():N}",
            ["Farm__Workers"] = "1",
        });
        await _silo.Start();
        var clock = Stopwatch.StartNew();
        var id = await _silo.Submit("long");
        var done = await _silo.UntilEnded(id, TimeSpan.FromMinutes(10));
        var wall = clock.Elapsed;

        // The timeout fired: the broker says it closed a channel for it.
        var broker = _services.RabbitMqLog();
        Assert.True(broker.Contains("delivery acknowledgement", StringComparison.Ordinal) && broker.Contains("timed out", StringComparison.Ordinal),
            $"RabbitMQ never timed a consumer out in {wall.TotalSeconds:0} s; the test shows nothing (its log:\n{broker[^Math.Min(broker.Length, 3000)..]})");

        Assert.True(done.Status == JobStatus.Succeeded, string.Join("; ", done.Titles.Select(t => $"{t.TitleId} {t.Status} {t.Error}")));
        var details = await Task.WhenAll(done.Titles.Select(t => _silo.Get<TitleDetailView>($"api/titles/{t.TitleId}")));
        Assert.All(details.SelectMany(d => d.Tasks), t => Assert.True(t.Attempts.Count == 1, $"{t.TaskId}: {string.Join(", ", t.Attempts.Select(a => $"#{a.Attempt} {a.Outcome}"))}"));

        // Each render ran once: the worker started as many as there are tasks; the copies were dropped.
        var tasks = details.Sum(d => d.Tasks.Count);
        var farm = await _silo.Farm(f => f.Workers.Sum(w => w.Report.Done) >= tasks); // (the workers report every 2 s)
        Assert.Equal(tasks, farm.Workers.Sum(w => w.Report.Done));
        Assert.True(farm.Workers.Sum(w => w.Report.Dropped) >= 1, "no redelivered copy reached the worker");
        foreach (var title in done.Titles)
        {
            var master = Path.Combine(media, title.Spec.OutputDirectory, "master");
            Assert.Equal(title.Outputs.Select(o => Path.GetFileName(o.Path)).Order(), Directory.GetFiles(master).Select(Path.GetFileName).Order());
        }

        Assert.Empty(Directory.GetFiles(Path.Combine(media, "renders"), "*.partial*", SearchOption.AllDirectories));
        Assert.Empty(Directory.GetDirectories(Path.Combine(media, "renders"), ".renderfarm-*", SearchOption.AllDirectories));
    }

    public async ValueTask DisposeAsync()
    {
        if (_silo is not null)
        {
            await _silo.DisposeAsync();
        }

        _services?.Dispose();
        Directory.Delete(_folder, recursive: true);
    }
}
