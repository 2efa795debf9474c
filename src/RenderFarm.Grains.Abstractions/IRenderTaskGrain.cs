namespace RenderFarm.Grains;

/// <summary>
/// One unit of work (a track render, a mixdown, a master): it dispatches a command for each attempt and
/// returns, accepts reports only from its current attempt (fencing), retries failures and silent
/// attempts up to its policy, and tells its title when it ends. Keyed by the task id.
/// </summary>
public interface IRenderTaskGrain : IGrainWithStringKey
{
    /// <summary>Starts the task (a no-op if it already started with the same spec); returns the snapshot.</summary>
    Task<RenderTaskSnapshot> Start(RenderTaskSpec spec, TaskPolicy policy);

    Task Progress(int attempt, string worker, double fraction);

    /// <summary>The attempt's render finished; <paramref name="log"/> is the worker's log of it.</summary>
    Task Complete(int attempt, string worker, IReadOnlyList<TaskOutput> outputs, string reportJson, string? log = null);

    Task Fail(int attempt, string worker, string reason, bool retryable, string? log = null);

    /// <summary>Abandons a running attempt whose heartbeat has been silent past the policy's timeout and dispatches it again.</summary>
    Task CheckHeartbeat();

    Task Cancel();

    /// <summary>Starts a failed or cancelled task again with a fresh attempt budget.</summary>
    Task Retry();

    /// <summary>
    /// After a restart that may have lost its command (an in-memory bus): a task still out is dispatched
    /// again as a new attempt, not counted against its budget; an ended one tells its title again.
    /// </summary>
    Task Recover();

    Task<RenderTaskSnapshot> GetSnapshot();
}
