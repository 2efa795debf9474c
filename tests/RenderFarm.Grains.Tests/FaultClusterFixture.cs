using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.Runtime.Hosting;
using Orleans.TestingHost;
using RenderFarm.Grains.Messaging;

namespace RenderFarm.Grains.Tests;

/// <summary>
/// A test cluster of three silos for faults: their store outlives a silo (<see cref="Store"/>) and can refuse writes,
/// each silo's publishes are known by silo and can hang (<see cref="Bus"/>), and a test may kill a silo other than
/// the primary (the fixture starts another in its place). The state is the fixture's, not static.
/// </summary>
public sealed class FaultClusterFixture : IAsyncLifetime
{
    public FaultClusterFixture()
    {
        Cluster = new InProcessTestClusterBuilder(3).ConfigureSilo((_, silo) =>
        {
            silo.Services.AddGrainStorage(FarmStorage.Name, (sp, _) => new SharedStorage(sp.GetRequiredService<Orleans.Serialization.Serializer>(), Store));
            silo.UseInMemoryReminderService();
            silo.Configure<ReminderOptions>(o => o.MinimumReminderPeriod = FarmReminders.MinimumPeriod);
            silo.Services.AddSingleton(new FarmClock(Time));
            silo.Services.AddSingleton(Bus);
            silo.Services.AddSingleton<IRenderDispatcher, SiloDispatcher>();
            silo.Services.AddSingleton<Catalogs.ICatalogNotifier>(Notifier);
        }).Build();
    }

    internal FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 12, 6, 12, 0, 0, TimeSpan.Zero));

    internal RecordingNotifier Notifier { get; } = new();

    internal SharedStore Store { get; } = new();

    internal SiloBus Bus { get; } = new();

    public InProcessTestCluster Cluster { get; }

    public IGrainFactory Grains => Cluster.Client;

    public async ValueTask InitializeAsync() => await Cluster.DeployAsync();

    /// <summary>Kills the silo at <paramref name="address"/> (not the primary) and starts another; false for the primary.</summary>
    public async Task<bool> Kill(SiloAddress address)
    {
        var silo = Cluster.Silos.FirstOrDefault(s => s.SiloAddress.Equals(address));
        if (silo is null || silo == Cluster.Silos[0]) // (the first is the primary: membership lives there)
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
}
