using System.Collections.Concurrent;

namespace RenderFarm.Worker;

/// <summary>
/// This process's worker counts since it started, for the farm page: renders taken from the queue, running,
/// finished and failed, time spent rendering, and the last failures. Thread-safe; fixed in size.
/// </summary>
public sealed class WorkerStats(TimeProvider time)
{
    private const int KeptFailures = 20;
    private readonly ConcurrentDictionary<string, DateTimeOffset> _running = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _hanging = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<WorkerFailure> _failures = new();
    private long _received;
    private long _done;
    private long _failed;
    private long _busyTicks;
    private long _dropped;
    private long _stopped;
    private TaskCompletionSource _change = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public DateTimeOffset StartedAt { get; } = time.GetUtcNow();

    /// <summary>Render commands this worker has taken from the queue (some may wait for a slot).</summary>
    public long Received => Interlocked.Read(ref _received);

    public long Done => Interlocked.Read(ref _done);

    public long Failed => Interlocked.Read(ref _failed);

    /// <summary>Commands dropped without rendering: copies of one rendering here, attempts another worker holds, ended or superseded.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Renders stopped because their task said so (cancelled, paused, superseded).</summary>
    public long Stopped => Interlocked.Read(ref _stopped);

    public TimeSpan Busy => TimeSpan.FromTicks(Interlocked.Read(ref _busyTicks));

    /// <summary>The tasks rendering now.</summary>
    public IReadOnlyList<string> Running => [.. _running.Keys.Order(StringComparer.Ordinal)];

    /// <summary>
    /// Of <see cref="Running"/>, the renders held silent on purpose (fault injection, <c>Farm:HangPercent</c>): a
    /// worker that hangs hears nothing its task says until it wakes, so a pause waits for it to wake.
    /// </summary>
    public int Hanging => _hanging.Count;

    /// <summary>Completes when a render here next starts or ends (for a report made at once).</summary>
    public Task NextChange => Volatile.Read(ref _change).Task;

    /// <summary>The last failures, newest first.</summary>
    public IReadOnlyList<WorkerFailure> RecentFailures => [.. _failures.Reverse()];

    internal void Take() => Interlocked.Increment(ref _received);

    internal void Start(string taskId)
    {
        _running[taskId] = time.GetUtcNow();
        Changed();
    }

    internal void Succeed(string taskId, TimeSpan took)
    {
        _running.TryRemove(taskId, out _);
        Interlocked.Add(ref _busyTicks, took.Ticks);
        Interlocked.Increment(ref _done);
        Changed();
    }

    internal void Fail(string taskId, int attempt, string reason, bool retryable, TimeSpan took)
    {
        _running.TryRemove(taskId, out _);
        Interlocked.Add(ref _busyTicks, took.Ticks);
        Interlocked.Increment(ref _failed);
        _failures.Enqueue(new WorkerFailure(taskId, attempt, reason, retryable, time.GetUtcNow()));
        while (_failures.Count > KeptFailures && _failures.TryDequeue(out _))
        {
        }

        Changed();
    }

    internal void Hang(string taskId)
    {
        _hanging[taskId] = 0;
        Changed();
    }

    internal void Woke(string taskId)
    {
        _hanging.TryRemove(taskId, out _);
        Changed();
    }

    /// <summary>A render handed back unfinished (the host is stopping): it counts as neither done nor failed.</summary>
    internal void Drop() => Interlocked.Increment(ref _dropped);

    internal void Stop(string taskId, TimeSpan took)
    {
        Interlocked.Increment(ref _stopped);
        HandBack(taskId, took);
    }

    internal void HandBack(string taskId, TimeSpan took)
    {
        _running.TryRemove(taskId, out _);
        Interlocked.Add(ref _busyTicks, took.Ticks);
        Changed();
    }

    private void Changed() => Interlocked.Exchange(ref _change, new(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
}
