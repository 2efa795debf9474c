using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace RenderFarm.Worker;

/// <summary>
/// Whether the process is shutting down. A consume's cancellation means two things: the host stops (the
/// bus cancels the renders still running once their grace is over: they are handed back), or the broker
/// took the channel away (restarted, or its consumer timeout closed it) while the host goes on: then the
/// render goes on too, under its lease, reports straight to its task, and the copy the broker hands out
/// again is dropped. This tells the two apart.
/// </summary>
public sealed class WorkerShutdown(IServiceProvider services)
{
    private readonly CancellationToken _stopping = services.GetService<IHostApplicationLifetime>()?.ApplicationStopping ?? CancellationToken.None;
    private volatile bool _begun;

    public bool IsStopping => _begun || _stopping.IsCancellationRequested;

    /// <summary>Marks the process as shutting down (a host without an application lifetime, as in tests).</summary>
    public void Begin() => _begun = true;
}
