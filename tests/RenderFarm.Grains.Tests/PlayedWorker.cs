using RenderFarm.Contracts.Reports;

namespace RenderFarm.Grains.Tests;

/// <summary>
/// A worker as the tests play it: it claims the attempt (its run named by the worker and the attempt, so the
/// same worker asking again holds the same claim), then reports with the claim's token. A refused claim
/// reports with token 0, as a stale worker's report would arrive.
/// </summary>
internal static class PlayedWorker
{
    public static async Task<long> ClaimAs(this IRenderTaskGrain task, int attempt, string worker) =>
        (await task.Claim(attempt, worker, $"{worker}/{attempt}")).Token;

    public static async Task<LeaseAnswer> Progress(this IRenderTaskGrain task, int attempt, string worker, double fraction) =>
        await task.Renew(attempt, await task.ClaimAs(attempt, worker), fraction);

    public static async Task Complete(this IRenderTaskGrain task, int attempt, string worker, IReadOnlyList<TaskOutput> outputs, TaskReport? report = null, string? log = null) =>
        await task.Complete(attempt, await task.ClaimAs(attempt, worker), outputs, report ?? TaskReport.None, log);

    public static async Task Fail(this IRenderTaskGrain task, int attempt, string worker, string reason, bool retryable, string? log = null) =>
        await task.Fail(attempt, await task.ClaimAs(attempt, worker), reason, retryable, log);
}
