using System.Net;
using System.Text.Json.Serialization;
using MassTransit;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Runtime.Hosting;
using Orleans.Serialization;
using RenderFarm.Grains;
using RenderFarm.Grains.Catalogs;
using RenderFarm.Grains.Messaging;
using RenderFarm.Host.Messaging;
using RenderFarm.Host.Catalogs;
using RenderFarm.Host.Security;
using RenderFarm.Host.Storage;
using RenderFarm.Worker;
using StackExchange.Redis;

namespace RenderFarm.Host.Hosting;

/// <summary>
/// Wires one farm process: an Orleans silo, the render workers and the bus, and what the HTTP API needs.
/// Embedded default (nothing configured): localhost clustering, grain state and reminders in files, an
/// in-memory bus, and a recovery pass at start that dispatches again what a restart lost. Cluster
/// (Farm:Redis and Farm:RabbitMq set): Redis membership, state and reminders, RabbitMQ durable queues.
/// </summary>
public static class FarmHosting
{
    /// <summary>Where the API listens when no URL is configured (ASPNETCORE_URLS or --urls).</summary>
    public const string DefaultUrl = "http://127.0.0.1:5080";

    // A grain may be unreachable for a while (its silo died and the cluster has not noticed yet): an
    // event is tried again for about a minute and a half before it is given up.
    private static void Retry(IRetryConfigurator retry) =>
        retry.Exponential(12, TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(1));

    /// <summary>The farm's options (checked now: nothing is made from settings that do not hold), its silo, bus, workers and API services.</summary>
    public static WebApplicationBuilder AddRenderFarm(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var farm = builder.AddFarmOptions();
        if (string.IsNullOrEmpty(builder.Configuration["urls"]))
        {
            // The address the CLI looks for a local host at.
            builder.WebHost.UseUrls(DefaultUrl);
        }

        builder.AddFarmSilo(farm);
        builder.AddFarmWorkers(farm);
        builder.AddFarmBus(farm);
        builder.Services.AddSingleton<CatalogBuilder>();
        builder.Services.AddSingleton<CatalogSubmission>();
        builder.Services.AddHostedService<FarmStatusReporter>();
        if (!farm.IsCluster)
        {
            builder.Services.AddHostedService<EmbeddedRecovery>();
        }

        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        builder.Services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.Services.AddOpenApi();
        builder.AddFarmSecurity(farm);
        return builder;
    }

    /// <summary>
    /// Binds <c>Farm:</c> (validated on start, every failure naming its key) and returns it checked: the silo and the
    /// bus are configured from it before the host starts, so a setting that does not hold stops the host here,
    /// before any folder is made from it. The media root and data folder are made when missing.
    /// </summary>
    public static FarmOptions AddFarmOptions(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton<IValidateOptions<FarmOptions>, FarmOptionsValidator>();
        builder.Services.AddOptions<FarmOptions>().BindConfiguration(FarmOptions.Section).ValidateOnStart();
        var farm = FarmOptionsValidator.Checked(builder.Configuration.GetSection(FarmOptions.Section).Get<FarmOptions>() ?? new FarmOptions());
        Directory.CreateDirectory(farm.MediaRoot);
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(sp => new FarmClock(sp.GetRequiredService<TimeProvider>()));
        return farm;
    }

    /// <summary>
    /// The Orleans silo. Embedded: localhost clustering, grain state and reminders in files under the data folder.
    /// Cluster: Redis membership, state (Orleans' own serializer) and reminders, the strongly consistent directory.
    /// </summary>
    public static void AddFarmSilo(this WebApplicationBuilder builder, FarmOptions farm)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(farm);
        builder.UseOrleans(silo =>
        {
            silo.Configure<SiloMessagingOptions>(o => o.ResponseTimeout = TimeSpan.FromSeconds(farm.GrainCallTimeoutSeconds));
            silo.Configure<ReminderOptions>(o => o.MinimumReminderPeriod = FarmReminders.MinimumPeriod);
            if (farm.IsCluster)
            {
                var redis = ConfigurationOptions.Parse(farm.Redis!);
                silo.Configure<ClusterOptions>(o =>
                {
                    o.ClusterId = farm.ClusterId;
                    o.ServiceId = farm.ServiceId;
                });
                if (farm.AdvertisedHost is { } advertised)
                {
                    silo.ConfigureEndpoints(advertised, farm.SiloPort, farm.GatewayPort, listenOnAnyHostAddress: true);
                }
                else
                {
                    silo.ConfigureEndpoints(IPAddress.Loopback, farm.SiloPort, farm.GatewayPort);
                }
                silo.UseRedisClustering(o => o.ConfigurationOptions = redis);
                // Orleans' own serializer, not the JSON default: grain state holds read-only lists whose
                // runtime types (compiler-made) JSON with type names cannot bring back.
                silo.AddRedisGrainStorage(FarmStorage.Name, (Microsoft.Extensions.Options.OptionsBuilder<Orleans.Persistence.RedisStorageOptions> o) =>
                    o.Configure<Serializer>((options, serializer) =>
                    {
                        options.ConfigurationOptions = redis;
                        options.GrainStorageSerializer = new Orleans.Storage.OrleansGrainStorageSerializer(serializer);
                    }));
                silo.UseRedisReminderService(o => o.ConfigurationOptions = redis);

                // Orleans 10's default grain directory is eventually consistent: while membership changes
                // (a silo killed, frozen, cut off) two activations of one grain can live for a while. The
                // grains' etags make that safe (the second writer fails and deactivates), but each such
                // race is a failed call; the strongly consistent directory (versioned range locks) keeps
                // one activation. It is still marked experimental in 10.4.2; the chaos run exercises it.
#pragma warning disable ORLEANSEXP003
                silo.AddDistributedGrainDirectory();
#pragma warning restore ORLEANSEXP003
            }
            else
            {
                silo.UseLocalhostClustering(farm.SiloPort, farm.GatewayPort);
                var directory = Path.Combine(farm.DataDirectory, "grains");
                FileGrainStorage.Private(farm.DataDirectory);
                FileGrainStorage.Private(directory);
                silo.Services.AddGrainStorage(FarmStorage.Name, (sp, _) => new FileGrainStorage(directory, sp.GetRequiredService<Serializer>()));
                silo.AddReminders();
                silo.Services.AddSingleton<IReminderTable>(sp => new FileReminderTable(Path.Combine(farm.DataDirectory, "reminders"), sp.GetRequiredService<ILogger<FileReminderTable>>()));
            }
        });
    }

    /// <summary>The render workers of this silo (one per core by default), the claims they make of their tasks, and the grains' dispatcher.</summary>
    public static void AddFarmWorkers(this WebApplicationBuilder builder, FarmOptions farm)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(farm);
        builder.Services.AddSingleton<DispatchCounter>();
        builder.Services.AddSingleton<IRenderDispatcher, MassTransitDispatcher>();
        builder.Services.AddHttpClient(nameof(WebhookNotifier), c => c.Timeout = TimeSpan.FromSeconds(10));
        builder.Services.AddSingleton<ICatalogNotifier, WebhookNotifier>();
        builder.Services.AddSingleton<IRenderClaims, GrainRenderClaims>();
        builder.Services.AddRenderWorker(o =>
        {
            o.MediaRoot = farm.MediaRoot;
            o.Concurrency = farm.Workers;
            o.Name = farm.Name;
            o.HangPercent = farm.HangPercent;
            o.HangFor = TimeSpan.FromSeconds(farm.HangSeconds);
        });
    }

    /// <summary>
    /// The bus: RabbitMQ (durable, priority queues, a quicker reconnect) for a cluster, in memory for the embedded
    /// default; a graceful stop that gives running renders the grace period before they are handed back.
    /// </summary>
    public static void AddFarmBus(this WebApplicationBuilder builder, FarmOptions farm)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(farm);
        builder.Services.AddMassTransit(x =>
        {
            x.DisableUsageTelemetry(); // a farm calls no one at home
            x.SetKebabCaseEndpointNameFormatter();
            x.AddRenderConsumers();
            x.AddConfigureEndpointsCallback((_, endpoint) =>
            {
                if (endpoint is IRabbitMqReceiveEndpointConfigurator queue)
                {
                    queue.SetQueueArgument("x-max-priority", 10);
                }
            });
            if (farm.RabbitMq is { } rabbit)
            {
                x.UsingRabbitMq((context, bus) =>
                {
                    bus.Host(rabbit, h =>
                    {
                        h.Username(farm.RabbitMqUser);
                        h.Password(farm.RabbitMqPassword);
                    });
                    if (!BrokerReconnect.Quicken(bus))
                    {
                        BrokerReconnect.LogNotQuickened(context.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(BrokerReconnect)));
                    }

                    bus.UseMessageRetry(Retry);
                    bus.ConfigureSend(send => send.UseExecute(message =>
                    {
                        if (message.Headers.Get<int>(MassTransitDispatcher.PriorityHeader) is { } priority)
                        {
                            message.SetPriority((byte)priority);
                        }
                    }));
                    bus.ConfigureEndpoints(context);
                });
            }
            else
            {
                x.UsingInMemory((context, bus) =>
                {
                    bus.UseMessageRetry(Retry);
                    bus.ConfigureEndpoints(context);
                });
            }
        });

        // Graceful stop: the bus stops taking messages at once, gives running renders the grace period, then
        // cancels them (their messages are not acknowledged and go back to the queue); the silo stops after.
        var grace = TimeSpan.FromSeconds(farm.ShutdownGraceSeconds);
        builder.Services.AddOptions<MassTransitHostOptions>().Configure(o =>
        {
            o.ConsumerStopTimeout = grace;
            o.StopTimeout = grace + TimeSpan.FromSeconds(15);
        });
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = grace + TimeSpan.FromSeconds(45));
    }
}
