using Orleans.Concurrency;

namespace RenderFarm.Grains.Farm;

/// <summary>
/// Keeps each worker's latest report and a five-minute history of its counts (for the rates); asks cluster
/// membership for the silos. A worker that has not reported for <see cref="Silence"/> is shown as not
/// answering, and forgotten after <see cref="Forget"/>.
/// </summary>
[Reentrant]
public sealed class FarmStatusGrain(FarmClock clock) : Grain, IFarmStatusGrain
{
    internal static readonly TimeSpan Silence = TimeSpan.FromSeconds(15);
    internal static readonly TimeSpan Forget = TimeSpan.FromMinutes(30);
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(5);
    private const int MaxFailures = 50;

    private readonly Dictionary<string, Worker> _workers = new(StringComparer.Ordinal);

    public Task Report(WorkerReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var now = clock.Now;
        if (!_workers.TryGetValue(report.Worker, out var worker) || report.Done < worker.Latest.Done || report.StartedAt != worker.Latest.StartedAt)
        {
            // New, or restarted: its counts began again.
            worker = new Worker(report);
            _workers[report.Worker] = worker;
        }

        worker.Latest = report;
        worker.LastHeard = now;
        worker.History.Enqueue((now, report.Done, report.Failed));
        while (worker.History.Count > 1 && now - worker.History.Peek().At > Window)
        {
            worker.History.Dequeue();
        }

        return Task.CompletedTask;
    }

    public async Task<FarmStatus> GetStatus()
    {
        var now = clock.Now;
        foreach (var gone in _workers.Where(w => now - w.Value.LastHeard > Forget).Select(w => w.Key).ToArray())
        {
            _workers.Remove(gone);
        }

        var hosts = await GrainFactory.GetGrain<IManagementGrain>(0).GetDetailedHosts(onlyActive: false);
        var silos = hosts
            .Where(h => h.Status != Orleans.Runtime.SiloStatus.Dead || now - h.IAmAliveTime < Forget)
            .OrderBy(h => h.Status == Orleans.Runtime.SiloStatus.Dead)
            .ThenBy(h => h.SiloName, StringComparer.Ordinal)
            .Select(h => new SiloEntry(h.SiloAddress.ToString(), h.SiloName, h.HostName, h.Status.ToString(), h.StartTime == default ? null : new DateTimeOffset(h.StartTime, TimeSpan.Zero)))
            .ToArray();
        var workers = _workers.Values.OrderBy(w => w.Latest.Worker, StringComparer.Ordinal)
            .Select(w => new WorkerStatus(w.Latest, now - w.LastHeard <= Silence, w.Rate(h => h.Done)))
            .ToArray();
        var answering = _workers.Values.Where(w => now - w.LastHeard <= Silence).ToArray();
        var queue = answering.Where(w => w.Latest.QueueSource is not null).MaxBy(w => w.Latest.ReportedAt)?.Latest;
        return new FarmStatus
        {
            Silos = silos,
            Workers = workers,
            QueueWaiting = queue?.QueueSource == "in-process" ? answering.Sum(w => w.Latest.QueueWaiting ?? 0) : queue?.QueueWaiting,
            QueueConsumers = queue?.QueueConsumers,
            QueueSource = queue?.QueueSource,
            DonePerMinute = workers.Where(w => w.Answering).Sum(w => w.DonePerMinute),
            FailedPerMinute = answering.Sum(w => w.Rate(h => h.Failed)),
            RecentFailures = [.. _workers.Values.SelectMany(w => w.Latest.RecentFailures).OrderByDescending(f => f.At).Take(MaxFailures)],
            At = now,
        };
    }

    private sealed class Worker(WorkerReport first)
    {
        public WorkerReport Latest { get; set; } = first;

        public DateTimeOffset LastHeard { get; set; }

        public Queue<(DateTimeOffset At, long Done, long Failed)> History { get; } = new();

        // Per minute over the history kept (up to five minutes); nothing to say from a single report.
        public double Rate(Func<(DateTimeOffset At, long Done, long Failed), long> count)
        {
            if (History.Count < 2)
            {
                return 0;
            }

            var first = History.Peek();
            var last = History.Last();
            var minutes = (last.At - first.At).TotalMinutes;
            return minutes <= 0 ? 0 : (count(last) - count(first)) / minutes;
        }
    }
}
