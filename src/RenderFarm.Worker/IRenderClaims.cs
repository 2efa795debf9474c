using RenderFarm.Contracts;
using RenderFarm.Contracts.Reports;

namespace RenderFarm.Worker;

/// <summary>
/// Where a worker claims the attempt a command names before it renders, renews the claim's lease while it
/// renders, and reports how the render ended: the task itself (the farm's task grains, called directly, not
/// through the bus). Every call after the claim carries its token; a call of a claim that is no longer
/// current changes nothing.
/// </summary>
public interface IRenderClaims
{
    Task<ClaimAnswer> Claim(string taskId, int attempt, string worker, string claimant, CancellationToken cancellationToken);

    Task<LeaseVerdict> Renew(string taskId, int attempt, long token, double fraction, CancellationToken cancellationToken);

    Task Complete(string taskId, int attempt, long token, IReadOnlyList<RenderOutput> outputs, TaskReport report, string log, CancellationToken cancellationToken);

    Task Fail(string taskId, int attempt, long token, string reason, bool retryable, string log, CancellationToken cancellationToken);

    /// <summary>The worker stops (its host shuts down) before the render ended: the task sends the work again.</summary>
    Task HandBack(string taskId, int attempt, long token, string log, CancellationToken cancellationToken);
}
