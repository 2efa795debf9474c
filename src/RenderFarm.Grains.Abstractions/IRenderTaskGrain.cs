using RenderFarm.Contracts.Reports;

namespace RenderFarm.Grains;

/// <summary>
/// One unit of work (a track render, a mixdown, a master, a deliverable). Each attempt is written with its
/// command to send (an outbox) before the command goes on the bus; a worker that takes the command claims
/// the attempt here before it renders, renews the lease while it renders and is told to stop when the attempt
/// is no longer current; only the claim's holder may complete or fail it (fencing by token). Every state but
/// the ends has a clock (see <see cref="TaskPolicy"/>). The task tells its title when it ends. Keyed by the task id.
/// </summary>
public interface IRenderTaskGrain : IGrainWithStringKey
{
    /// <summary>Starts the task (for a task already started: checks its clocks); returns the snapshot.</summary>
    Task<RenderTaskSnapshot> Start(RenderTaskSpec spec, TaskPolicy policy);

    /// <summary>
    /// A worker asks to render <paramref name="attempt"/>; <paramref name="claimant"/> names its run (asking
    /// again with the same name gets the same grant). Refused for an attempt that is not current, ended,
    /// or held by another.
    /// </summary>
    Task<RenderClaim> Claim(int attempt, string worker, string claimant);

    /// <summary>Renews the lease of the claim <paramref name="token"/> with the render's progress; answers whether to go on.</summary>
    Task<LeaseAnswer> Renew(int attempt, long token, double fraction);

    /// <summary>The claim's render finished; <paramref name="log"/> is the worker's log of it.</summary>
    Task Complete(int attempt, long token, IReadOnlyList<TaskOutput> outputs, TaskReport report, string? log = null);

    Task Fail(int attempt, long token, string reason, bool retryable, string? log = null);

    /// <summary>The claim's worker is stopping before the render ended: the attempt is handed back (not counted) and sent again.</summary>
    Task HandBack(int attempt, long token, string? log = null);

    /// <summary>Runs the task's clocks now: sends what is to be sent, abandons an attempt whose lease ran out; returns the snapshot.</summary>
    Task<RenderTaskSnapshot> Check();

    Task Cancel();

    /// <summary>Pauses the task: a running attempt is told to stop (not counted) and none is sent until <see cref="Unpause"/>.</summary>
    Task Pause();

    Task Unpause();

    /// <summary>Starts a failed or cancelled task again with a fresh attempt budget.</summary>
    Task Retry();

    /// <summary>
    /// After a restart of a one-process farm (an in-memory bus lost its commands, the workers died with it): a
    /// claimed attempt is ended and sent again as a new one, not counted against its budget; an unclaimed one
    /// is sent again; an ended task tells its title again.
    /// </summary>
    Task Recover();

    Task<RenderTaskSnapshot> GetSnapshot();
}
