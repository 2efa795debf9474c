using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.Runtime.Hosting;
using Orleans.TestingHost;
using RenderFarm.Grains.Messaging;

namespace RenderFarm.Grains.Tests;

/// <summary>
/// A test cluster of three silos for faults: their store outlives a silo (<see cref="SharedStorage"/>) and can
/// refuse writes, each silo's publishes are known by silo and can hang (<see cref="SiloDispatcher"/>), and a test
/// may kill a silo other than the primary (the fixture starts another in its place).
/// </summary>
public sealed class FaultClusterFixture : IAsyncLifetime
{
    internal static readonly FakeTimeProvider Time = new(new DateTimeOffset(2026, 12, 6, 12, 0, 0, TimeSpan.Zero));
    internal static readonly RecordingNotifier Notifier = new();

    public TestCluster Cluster { get; } = new TestClusterBuilder(3).AddSiloBuilderConfigurator<SiloConfigurator>().Build();

    public IGrainFactory Grains => Cluster.GrainFactory;

    public async ValueTask InitializeAsync() => await Cluster.DeployAsync();

    /// <summary>Kills the silo at <paramref name="address"/> (not the primary) and starts another; false for the primary.</summary>
    public async Task<bool> Kill(SiloAddress address)
    {
        var silo = Cluster.Silos.FirstOrDefault(s => s.SiloAddress.Equals(address));
        if (silo is null || silo == Cluster.Primary)
        {
            return false;
        }

        await Cluster.KillSiloAsync(silo);
        await Cluster.StartAdditionalSiloAsync();
        return true;
    }

    public async ValueTask DisposeAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
    }

    private sealed class SiloConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder)
        {
            siloBuilder.Services.AddGrainStorage(FarmStorage.Name, (sp, _) => new SharedStorage(sp.GetRequiredService<Orleans.Serialization.Serializer>()));
            siloBuilder.UseInMemoryReminderService();
            siloBuilder.Configure<ReminderOptions>(o => o.MinimumReminderPeriod = FarmReminders.MinimumPeriod);
            siloBuilder.Services.AddSingleton(new FarmClock(Time));
            siloBuilder.Services.AddSingleton<IRenderDispatcher, SiloDispatcher>();
            siloBuilder.Services.AddSingleton<Catalogs.ICatalogNotifier>(Notifier);
        }
    }
}

[CollectionDefinition(Name)]
public sealed class FaultClusterGroup : ICollectionFixture<FaultClusterFixture>
{
    public const string Name = "fault cluster";
}
