using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.TestingHost;
using RenderFarm.Grains.Messaging;

namespace RenderFarm.Grains.Tests;

/// <summary>
/// An in-process Orleans test cluster of two silos with memory storage and reminders, a fake clock and a recording
/// dispatcher and notifier: each test class has its own (a clock one class moves does not move another's).
/// </summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    public ClusterFixture()
    {
        Cluster = new InProcessTestClusterBuilder(2).ConfigureSilo((_, silo) =>
        {
            silo.AddMemoryGrainStorage(FarmStorage.Name);
            silo.UseInMemoryReminderService();
            silo.Configure<ReminderOptions>(o => o.MinimumReminderPeriod = FarmReminders.MinimumPeriod);
            silo.Services.AddSingleton(new FarmClock(Time));
            silo.Services.AddSingleton<IRenderDispatcher>(Dispatcher);
            silo.Services.AddSingleton<Catalogs.ICatalogNotifier>(Notifier);
        }).Build();
    }

    internal FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 30, 12, 0, 0, TimeSpan.Zero));

    internal RecordingDispatcher Dispatcher { get; } = new();

    internal RecordingNotifier Notifier { get; } = new();

    public InProcessTestCluster Cluster { get; }

    public IGrainFactory Grains => Cluster.Client;

    public async ValueTask InitializeAsync() => await Cluster.DeployAsync();

    public async ValueTask DisposeAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
    }
}
