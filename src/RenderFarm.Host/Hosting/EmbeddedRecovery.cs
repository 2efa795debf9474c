using RenderFarm.Grains;

namespace RenderFarm.Host.Hosting;

/// <summary>
/// In the embedded default the bus is in memory, so a restart loses the commands that were queued or
/// running. Once the host has started, every running catalogue goes on starting its titles and each of
/// its running titles is asked to recover (tasks still out are dispatched again, stages that had not
/// started start), a few titles side by side at a time: each call is one title's, so none outlives the
/// grain call timeout however large the catalogue. A catalogue or title that cannot be recovered is
/// logged with its id and the pass goes on; the host is never held or stopped by it (and the titles'
/// reminders, kept in the data directory, look at them again within minutes).
/// </summary>
public sealed partial class EmbeddedRecovery(IGrainFactory grains, IHostApplicationLifetime lifetime, ILogger<EmbeddedRecovery> logger) : BackgroundService
{
    private const int Batch = 16;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await Recover(stoppingToken);
        }
        catch (Exception) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: a call under way fails as the silo goes; no reason to report the service failed.
        }
    }

    private async Task Recover(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource();
        using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        {
            await started.Task.WaitAsync(stoppingToken);
        }

        IReadOnlyList<string> catalogs;
        try
        {
            catalogs = await grains.GetGrain<ICatalogIndexGrain>(0).List();
        }
        catch (Exception e) when (!stoppingToken.IsCancellationRequested) // (a call cancelled by the cluster is a failure too)
        {
            LogIndexFailed(logger, e);
            return;
        }

        foreach (var id in catalogs)
        {
            stoppingToken.ThrowIfCancellationRequested();
            try
            {
                await RecoverCatalog(id, stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                LogCatalogFailed(logger, id, e);
            }
        }
    }

    private async Task RecoverCatalog(string id, CancellationToken ct)
    {
        var catalog = grains.GetGrain<ICatalogGrain>(id);
        var snapshot = await catalog.GetSnapshot();
        if (snapshot.Status.IsFinal())
        {
            return;
        }

        var running = snapshot.Titles.Where(t => t.Status == JobStatus.Running).Select(t => t.TitleId).ToArray();
        LogRecovering(logger, id, running.Length);
        var failed = 0;
        foreach (var batch in running.Chunk(Batch))
        {
            ct.ThrowIfCancellationRequested();
            var results = await Task.WhenAll(batch.Select(async title =>
            {
                try
                {
                    await grains.GetGrain<ITitleGrain>(title).Recover();
                    return true;
                }
                catch (Exception e) when (!ct.IsCancellationRequested)
                {
                    LogTitleFailed(logger, title, id, e);
                    return false;
                }
            }));
            failed += results.Count(ok => !ok);
        }

        await catalog.Recover();
        if (failed > 0)
        {
            LogSomeFailed(logger, id, failed, running.Length);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "recovering catalogue {CatalogId}: {Running} titles were running")]
    private static partial void LogRecovering(ILogger logger, string catalogId, int running);

    [LoggerMessage(Level = LogLevel.Error, Message = "recovery: the catalogue index could not be read; nothing was recovered at start (the titles' reminders will look at them)")]
    private static partial void LogIndexFailed(ILogger logger, Exception error);

    [LoggerMessage(Level = LogLevel.Error, Message = "recovery: catalogue {CatalogId} could not be recovered; the pass goes on with the next")]
    private static partial void LogCatalogFailed(ILogger logger, string catalogId, Exception error);

    [LoggerMessage(Level = LogLevel.Error, Message = "recovery: title {TitleId} of catalogue {CatalogId} could not be recovered")]
    private static partial void LogTitleFailed(ILogger logger, string titleId, string catalogId, Exception error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "recovery: catalogue {CatalogId}: {Failed} of {Running} running titles could not be recovered (their reminders will look at them again)")]
    private static partial void LogSomeFailed(ILogger logger, string catalogId, int failed, int running);
}
