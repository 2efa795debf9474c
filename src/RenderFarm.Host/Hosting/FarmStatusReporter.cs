using Microsoft.Extensions.Options;
using RabbitMQ.Client;
using RenderFarm.Grains;
using RenderFarm.Grains.Messaging;
using RenderFarm.Worker;

namespace RenderFarm.Host.Hosting;

/// <summary>
/// Every two seconds tells the farm status grain how this silo's worker is doing, with the render queue's
/// depth: the broker's count of waiting messages on a cluster, or on the embedded default the commands this
/// process sent that its worker has not yet taken.
/// </summary>
internal sealed partial class FarmStatusReporter(
    IGrainFactory grains, WorkerStats stats, DispatchCounter dispatched, IOptions<WorkerOptions> worker, IOptions<FarmOptions> farm,
    TimeProvider time, ILogger<FarmStatusReporter> logger) : BackgroundService
{
    internal static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);
    private const string RenderQueue = "render";
    private IConnection? _broker;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        try
        {
            do
            {
                try
                {
                    var (waiting, consumers, source) = await Queue(stoppingToken);
                    await grains.GetGrain<IFarmStatusGrain>(0).Report(new WorkerReport
                    {
                        Worker = worker.Value.WorkerName,
                        Host = Environment.MachineName,
                        Slots = worker.Value.Concurrency,
                        Busy = stats.Running.Count,
                        Done = stats.Done,
                        Failed = stats.Failed,
                        Dropped = stats.Dropped,
                        Stopped = stats.Stopped,
                        BusySeconds = Math.Round(stats.Busy.TotalSeconds, 1),
                        StartedAt = stats.StartedAt,
                        ReportedAt = time.GetUtcNow(),
                        Running = stats.Running,
                        RecentFailures = [.. stats.RecentFailures.Select(f => new TaskFailure(f.TaskId, f.Attempt, f.Reason, f.Retryable, f.At, worker.Value.WorkerName))],
                        QueueWaiting = waiting,
                        QueueConsumers = consumers,
                        QueueSource = source,
                    });
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // The silo is starting or the cluster is changing: the next report will do.
                    LogNotReported(logger, e.Message);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
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
            }.CreateConnectionAsync(cancellation);
            await using var channel = await _broker.CreateChannelAsync(cancellationToken: cancellation);
            var queue = await channel.QueueDeclarePassiveAsync(RenderQueue, cancellation);
            return (queue.MessageCount, (int)queue.ConsumerCount, "rabbitmq");
        }
        catch (Exception e) when (e is not OperationCanceledException)
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
