using RenderFarm.Grains.Messaging;

namespace RenderFarm.Grains.Tests;

/// <summary>
/// The bus as one silo of the fault tests sees it: its commands go into the fixture's <see cref="SiloBus"/>, recorded
/// with the silo that sent them; a publish can be made to hang (the broker away, the publish never confirmed).
/// </summary>
internal sealed class SiloDispatcher(ILocalSiloDetails silo, SiloBus bus) : IRenderDispatcher
{
    public async Task Dispatch(string taskId, int attempt, RenderTaskSpec spec, CancellationToken cancellationToken = default)
    {
        if (bus.Hangs(taskId))
        {
            bus.HangingOn[taskId] = silo.SiloAddress;
            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
            finally
            {
                bus.HangingOn.TryRemove(taskId, out _);
            }
        }

        bus.SentQueue.Enqueue((taskId, attempt, silo.SiloAddress));
    }

    public Task Release(string masterDirectory) => Task.CompletedTask;
}
