namespace RenderFarm.Grains.Messaging;

/// <summary>Sends the command for one attempt of a task to the workers (a host puts it on its MassTransit bus: RenderFarm.Host.Messaging).</summary>
public interface IRenderDispatcher
{
    /// <summary>
    /// Puts the attempt's command on the bus; throws when the bus will not take it (the broker away, or
    /// <paramref name="cancellationToken"/> cancelled first), and <see cref="ArgumentException"/> when the spec
    /// cannot make a command at all.
    /// </summary>
    Task Dispatch(string taskId, int attempt, RenderTaskSpec spec, CancellationToken cancellationToken = default);

    /// <summary>Tells a worker to remove a title's float master: its deliverables are made.</summary>
    Task Release(string masterDirectory);
}
