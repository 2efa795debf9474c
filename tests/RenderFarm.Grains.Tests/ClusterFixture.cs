using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.TestingHost;
using RenderFarm.Grains.Messaging;

namespace RenderFarm.Grains.Tests;

/// <summary>An in-process Orleans test cluster of two silos with memory storage and reminders, a fake clock and a recording dispatcher.</summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    internal static readonly FakeTimeProvider Time = new(new DateTimeOffset(2026, 11, 30, 12, 0, 0, TimeSpan.Zero));
    internal static readonly RecordingDispatcher Dispatcher = new();
    internal static readonly RecordingNotifier Notifier = new();

    public TestCluster Cluster { get; } = new TestClusterBuilder(2).AddSiloBuilderConfigurator<SiloConfigurator>().Build();

    public IGrainFactory Grains => Cluster.GrainFactory;

    public async ValueTask InitializeAsync() => await Cluster.DeployAsync();

    public async ValueTask DisposeAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
    }

    private sealed class SiloConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder)
        {
            siloBuilder.AddMemoryGrainStorage(FarmStorage.Name);
            siloBuilder.UseInMemoryReminderService();
            siloBuilder.Configure<ReminderOptions>(o => o.MinimumReminderPeriod = FarmReminders.MinimumPeriod);
            siloBuilder.Services.AddSingleton(new FarmClock(Time));
            siloBuilder.Services.AddSingleton<IRenderDispatcher>(Dispatcher);
            siloBuilder.Services.AddSingleton<Catalogs.ICatalogNotifier>(Notifier);
        }
    }
}

[CollectionDefinition(Name)]
public sealed class ClusterGroup : ICollectionFixture<ClusterFixture>
{
    public const string Name = "cluster";
}
