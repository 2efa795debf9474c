using Microsoft.Extensions.Options;
using RabbitMQ.Client;
using RenderFarm.Grains;
using RenderFarm.Host.Messaging;
using RenderFarm.Worker;

namespace RenderFarm.Host.Hosting;

/// <summary>
/// Every two seconds, and at once (at most five times a second) when a render here starts or ends, tells the
/// farm status grain how this silo's worker is doing, with the render queue's depth: the broker's count of
/// waiting messages on a cluster (read on the two-second beat), or on the embedded default the commands this
/// process sent that its worker has not yet taken.
/// </summary>
internal sealed partial class FarmStatusReporter(
    IGrainFactory grains, WorkerStats stats, DispatchCounter dispatched, IOptions<WorkerOptions> worker, IOptions<FarmOptions> farm,
    TimeProvider time, ILogger<FarmStatusReporter> logger) : BackgroundService
{
    internal static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan BrokerTimeout = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan Soonest = TimeSpan.FromMilliseconds(200);
    private const string RenderQueue = "render";
    private IConnection? _broker;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        (long? Waiting, int? Consumers, string? Source) queue = (null, null, null);
        var beat = true;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var change = stats.NextChange; // (taken before the report: a change while it is made is not missed)
                try
                {
                    if (beat || farm.Value.RabbitMq is null)
                    {
                        queue = await Queue(stoppingToken);
                    }

                    await grains.GetGrain<IFarmStatusGrain>(0).Report(new WorkerReport
                    {
                        Worker = worker.Value.WorkerName,
                        Host = Environment.MachineName,
                        Slots = worker.Value.Concurrency,
                        Busy = stats.Running.Count,
                        Hanging = stats.Hanging,
                        Done = stats.Done,
                        Failed = stats.Failed,
                        Dropped = stats.Dropped,
                        Stopped = stats.Stopped,
                        BusySeconds = Math.Round(stats.Busy.TotalSeconds, 1),
                        StartedAt = stats.StartedAt,
                        ReportedAt = time.GetUtcNow(),
                        Running = stats.Running,
                        RecentFailures = [.. stats.RecentFailures.Select(f => new TaskFailure(f.TaskId, f.Attempt, f.Reason, f.Retryable, f.At, worker.Value.WorkerName))],
                        QueueWaiting = queue.Waiting,
                        QueueConsumers = queue.Consumers,
                        QueueSource = queue.Source,
                    });
                }
                catch (Exception e) when (!stoppingToken.IsCancellationRequested)
                {
                    // The silo is starting or the cluster is changing (a call cancelled by it too): the next report will do.
                    LogNotReported(logger, e.Message);
                }

                await Task.Delay(Soonest, time, stoppingToken);
                using var wait = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                var tick = Task.Delay(Interval - Soonest, time, wait.Token);
                beat = await Task.WhenAny(tick, change) == tick;
                await wait.CancelAsync();
            }
        }
        catch (Exception) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: a report under way fails as the silo goes (cancelled, or the silo shutting down as the
            // cluster declared it dead); that is no fault of the service's to stop the host over.
        }
        finally
        {
            if (_broker is not null)
            {
                await _broker.DisposeAsync();
            }
        }
    }

    private async Task<(long? Waiting, int? Consumers, string? Source)> Queue(CancellationToken cancellation)
    {
        if (farm.Value.RabbitMq is not { } uri)
        {
            return (Math.Max(0, dispatched.Sent - stats.Received), null, "in-process");
        }

        // The broker asked within a few seconds: cut off from it, the silo still reports its worker.
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        timeout.CancelAfter(BrokerTimeout);
        try
        {
            _broker ??= await new ConnectionFactory
            {
                HostName = uri.Host,
                Port = uri.Port > 0 ? uri.Port : 5672,
                VirtualHost = uri.AbsolutePath.Trim('/') is { Length: > 0 } vhost ? Uri.UnescapeDataString(vhost) : "/",
                UserName = farm.Value.RabbitMqUser,
                Password = farm.Value.RabbitMqPassword,
                ClientProvidedName = "renderfarm-status",
            }.CreateConnectionAsync(timeout.Token);
            await using var channel = await _broker.CreateChannelAsync(cancellationToken: timeout.Token);
            var queue = await channel.QueueDeclarePassiveAsync(RenderQueue, timeout.Token);
            return (queue.MessageCount, (int)queue.ConsumerCount, "rabbitmq");
        }
        catch (Exception e) when (!cancellation.IsCancellationRequested)
        {
            LogNoQueue(logger, e.Message);
            if (_broker is { IsOpen: false })
            {
                await _broker.DisposeAsync();
                _broker = null;
            }

            return (null, null, null);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "farm status not reported: {Reason}")]
    private static partial void LogNotReported(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "render queue depth not read from the broker: {Reason}")]
    private static partial void LogNoQueue(ILogger logger, string reason);
}
