using RenderFarm.Grains;

namespace RenderFarm.Host.Hosting;

/// <summary>
/// In the embedded default the bus is in memory, so a restart loses the commands that were queued or
/// running. Once the host has started, every catalogue's running titles are asked to recover: tasks
/// still out are dispatched again, stages that had not started start.
/// </summary>
public sealed partial class EmbeddedRecovery(IGrainFactory grains, IHostApplicationLifetime lifetime, ILogger<EmbeddedRecovery> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource();
        using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        {
            await started.Task.WaitAsync(stoppingToken);
        }

        var catalogs = await grains.GetGrain<ICatalogIndexGrain>(0).List();
        foreach (var id in catalogs)
        {
            var catalog = grains.GetGrain<ICatalogGrain>(id);
            var snapshot = await catalog.GetSnapshot();
            if (snapshot.Status is JobStatus.Queued or JobStatus.Running)
            {
                var running = snapshot.Count(JobStatus.Running);
                LogRecovering(logger, id, running);
                await catalog.Recover();
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "recovering catalogue {CatalogId}: {Running} titles were running")]
    private static partial void LogRecovering(ILogger logger, string catalogId, int running);
}
