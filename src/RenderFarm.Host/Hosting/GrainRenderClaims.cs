using RenderFarm.Contracts;
using RenderFarm.Contracts.Reports;
using RenderFarm.Grains;
using RenderFarm.Worker;

namespace RenderFarm.Host.Hosting;

/// <summary>The workers' claims, leases and reports, made straight to the task grains (the workers live in the silos).</summary>
public sealed class GrainRenderClaims(IGrainFactory grains) : IRenderClaims
{
    public async Task<ClaimAnswer> Claim(string taskId, int attempt, string worker, string claimant, CancellationToken cancellationToken)
    {
        var claim = await Task(taskId).Claim(attempt, worker, claimant).WaitAsync(cancellationToken);
        return new ClaimAnswer(claim.Granted, claim.Token, claim.LeaseTimeout, claim.Refusal);
    }

    public async Task<LeaseVerdict> Renew(string taskId, int attempt, long token, double fraction, CancellationToken cancellationToken)
    {
        var answer = await Task(taskId).Renew(attempt, token, fraction).WaitAsync(cancellationToken);
        return answer.Stop ? new LeaseVerdict(true, answer.Reason) : LeaseVerdict.Continue;
    }

    public Task Complete(string taskId, int attempt, long token, IReadOnlyList<RenderOutput> outputs, TaskReport report, string log, CancellationToken cancellationToken) =>
        Task(taskId).Complete(attempt, token, [.. outputs.Select(o => new TaskOutput(o.Path, o.Sha256))], report, log).WaitAsync(cancellationToken);

    public Task Fail(string taskId, int attempt, long token, string reason, bool retryable, string log, CancellationToken cancellationToken) =>
        Task(taskId).Fail(attempt, token, reason, retryable, log).WaitAsync(cancellationToken);

    public Task HandBack(string taskId, int attempt, long token, string log, CancellationToken cancellationToken) =>
        Task(taskId).HandBack(attempt, token, log).WaitAsync(cancellationToken);

    private IRenderTaskGrain Task(string taskId) => grains.GetGrain<IRenderTaskGrain>(taskId);
}
