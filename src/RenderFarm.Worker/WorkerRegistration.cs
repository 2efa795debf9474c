using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using RenderFarm.Worker.Consumers;

namespace RenderFarm.Worker;

/// <summary>Registers the render workers: their options (validated at start), media paths, render slots and consumers.</summary>
public static class WorkerRegistration
{
    public static IServiceCollection AddRenderWorker(this IServiceCollection services, Action<WorkerOptions> configure)
    {
        services.AddOptions<WorkerOptions>().Configure(configure)
            .Validate(o => !string.IsNullOrWhiteSpace(o.MediaRoot) && Directory.Exists(o.MediaRoot), "the workers' media root (Farm:MediaRoot in a host) must name an existing folder")
            .Validate(o => o.Concurrency is >= 1 and <= 1024, "the workers' concurrency (Farm:Workers in a host) must be 1 to 1024")
            .Validate(o => o.HeartbeatInterval >= TimeSpan.FromMilliseconds(50) && o.HeartbeatInterval <= TimeSpan.FromMinutes(10), "the workers' heartbeat interval must be 50 ms to 10 min")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(sp => new MediaPaths(sp.GetRequiredService<IOptions<WorkerOptions>>().Value.MediaRoot));
        services.AddSingleton(sp => new RenderSlots(sp.GetRequiredService<IOptions<WorkerOptions>>().Value.Concurrency));
        services.AddSingleton<WorkerStats>();
        services.AddSingleton<WorkerShutdown>();
        services.AddSingleton<RenderRunner>();
        services.AddSingleton<StemCache>();
        return services;
    }

    /// <summary>The consumers that render (tracks, mixdowns, masters, albums, deliverables), and the one that removes masters no longer needed.</summary>
    public static void AddRenderConsumers(this IBusRegistrationConfigurator bus)
    {
        ArgumentNullException.ThrowIfNull(bus);
        bus.AddConsumer<RenderTrackConsumer, RenderConsumerDefinition<RenderTrackConsumer>>();
        bus.AddConsumer<MixdownSessionConsumer, RenderConsumerDefinition<MixdownSessionConsumer>>();
        bus.AddConsumer<RestoreRecordingConsumer, RenderConsumerDefinition<RestoreRecordingConsumer>>();
        bus.AddConsumer<MasterMixConsumer, RenderConsumerDefinition<MasterMixConsumer>>();
        bus.AddConsumer<MasterAlbumConsumer, RenderConsumerDefinition<MasterAlbumConsumer>>();
        bus.AddConsumer<EncodeDeliverableConsumer, RenderConsumerDefinition<EncodeDeliverableConsumer>>();
        bus.AddConsumer<ReleaseMasterConsumer>();
    }
}
