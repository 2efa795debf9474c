using System.Collections.Concurrent;
using RenderFarm.Contracts;
using RenderFarm.Contracts.Reports;

namespace RenderFarm.Worker.Tests;

/// <summary>
/// Plays the tasks for the worker tests (the task grains' own rules are the grains tests'): an attempt is
/// granted to the first run that claims it and refused to any other; renewals are counted and answered "go on"
/// unless the test said stop for the task; how each render ended is kept.
/// </summary>
internal sealed class RecordingClaims : IRenderClaims
{
    private readonly ConcurrentDictionary<(string TaskId, int Attempt), (string Claimant, long Token)> _claims = new();
    private readonly ConcurrentDictionary<string, string> _stop = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _renewals = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<Completed> _completed = new();
    private readonly ConcurrentQueue<Failed> _failed = new();
    private readonly ConcurrentQueue<string> _refused = new();
    private readonly ConcurrentDictionary<(string TaskId, long Token), DateTimeOffset> _claimedAt = new();
    private long _tokens;

    public IReadOnlyList<Completed> Completions => [.. _completed];

    public IReadOnlyList<Failed> Failures => [.. _failed];

    /// <summary>Tasks whose claim was refused (a second run of the same attempt).</summary>
    public IReadOnlyList<string> Refused => [.. _refused];

    public int Renewals(string taskId) => _renewals.GetValueOrDefault(taskId);

    /// <summary>From now on a renewal of <paramref name="taskId"/> is answered "stop" with <paramref name="reason"/>.</summary>
    public void Stop(string taskId, string reason) => _stop[taskId] = reason;

    public Task<ClaimAnswer> Claim(string taskId, int attempt, string worker, string claimant, CancellationToken cancellationToken)
    {
        var token = Interlocked.Increment(ref _tokens);
        var held = _claims.GetOrAdd((taskId, attempt), (claimant, token));
        if (held.Claimant != claimant)
        {
            _refused.Enqueue(taskId);
            return Task.FromResult(new ClaimAnswer(false, 0, TimeSpan.FromSeconds(30), $"attempt {attempt} is being rendered by another"));
        }

        _claimedAt[(taskId, held.Token)] = DateTimeOffset.UtcNow;
        return Task.FromResult(new ClaimAnswer(true, held.Token, TimeSpan.FromSeconds(30), null));
    }

    public Task<LeaseVerdict> Renew(string taskId, int attempt, long token, double fraction, CancellationToken cancellationToken)
    {
        _renewals.AddOrUpdate(taskId, 1, (_, n) => n + 1);
        return Task.FromResult(_stop.TryGetValue(taskId, out var reason) ? new LeaseVerdict(true, reason) : LeaseVerdict.Continue);
    }

    public Task Complete(string taskId, int attempt, long token, IReadOnlyList<RenderOutput> outputs, TaskReport report, string log, CancellationToken cancellationToken)
    {
        var seconds = (DateTimeOffset.UtcNow - _claimedAt[(taskId, token)]).TotalSeconds;
        _completed.Enqueue(new Completed(taskId, attempt, token, outputs, report, log, seconds));
        return Task.CompletedTask;
    }

    public Task Fail(string taskId, int attempt, long token, string reason, bool retryable, string log, CancellationToken cancellationToken)
    {
        _failed.Enqueue(new Failed(taskId, attempt, reason, retryable, log));
        return Task.CompletedTask;
    }

    public Task HandBack(string taskId, int attempt, long token, string log, CancellationToken cancellationToken) => Task.CompletedTask;

    public sealed record Completed(string TaskId, int Attempt, long Token, IReadOnlyList<RenderOutput> Outputs, TaskReport Report, string Log, double Seconds);

    public sealed record Failed(string TaskId, int Attempt, string Reason, bool Retryable, string Log);
}
