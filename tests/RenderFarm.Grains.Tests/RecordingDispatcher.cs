using System.Collections.Concurrent;
using RenderFarm.Grains.Messaging;

namespace RenderFarm.Grains.Tests;

/// <summary>Stands in for the bus in the grains' state-machine tests: keeps every dispatched attempt for the test to answer.</summary>
internal sealed class RecordingDispatcher : IRenderDispatcher
{
    private readonly ConcurrentQueue<(string TaskId, int Attempt, RenderTaskSpec Spec)> _sent = new();

    public IReadOnlyList<(string TaskId, int Attempt, RenderTaskSpec Spec)> Sent => [.. _sent];

    private Func<RenderTaskSpec, bool>? _refuse;
    private Exception? _refusal;
    private int _refusals;

    private Func<RenderTaskSpec, bool>? _hang;
    private int _hangs;
    private readonly TaskCompletionSource _hung = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Dispatch(string taskId, int attempt, RenderTaskSpec spec, CancellationToken cancellationToken = default)
    {
        if (_refuse?.Invoke(spec) == true && Interlocked.Decrement(ref _refusals) >= 0)
        {
            throw _refusal ?? new InvalidOperationException("the broker is unreachable");
        }

        if (_hang?.Invoke(spec) == true && Interlocked.Decrement(ref _hangs) >= 0)
        {
            return _hung.Task; // deaf to the token, as a publish over a connection being torn down was seen to be
        }

        _sent.Enqueue((taskId, attempt, spec));
        return Task.CompletedTask;
    }

    /// <summary>
    /// The next <paramref name="count"/> dispatches of specs that <paramref name="when"/> picks throw
    /// <paramref name="with"/>, by default as a bus whose broker is away would.
    /// </summary>
    public void Refuse(Func<RenderTaskSpec, bool> when, int count, Exception? with = null)
    {
        _refusal = with;
        _refusals = count;
        _refuse = when;
    }

    /// <summary>
    /// The next <paramref name="count"/> dispatches of specs that <paramref name="when"/> picks never complete and
    /// ignore their cancellation (nothing is sent) until <see cref="EndHangs"/>.
    /// </summary>
    public void Hang(Func<RenderTaskSpec, bool> when, int count)
    {
        _hangs = count;
        _hang = when;
    }

    /// <summary>The hung dispatches fail, as the torn-down connection's publish finally did.</summary>
    public void EndHangs() => _hung.TrySetException(new OperationCanceledException("the connection was closed"));

    private readonly ConcurrentQueue<string> _released = new();

    /// <summary>The master folders the grains asked to remove, in order.</summary>
    public IReadOnlyList<string> Released => [.. _released];

    public Task Release(string masterDirectory)
    {
        _released.Enqueue(masterDirectory);
        return Task.CompletedTask;
    }

    /// <summary>The spec of the first dispatch for a task id, or null.</summary>
    public RenderTaskSpec? FirstSpec(string taskId) => _sent.Where(s => s.TaskId == taskId).Select(s => s.Spec).FirstOrDefault();

    public IReadOnlyList<(string TaskId, int Attempt, RenderTaskSpec Spec)> For(string prefix) =>
        [.. _sent.Where(s => s.TaskId.StartsWith(prefix, StringComparison.Ordinal))];
}
