namespace RenderFarm.Grains.Messaging;

/// <summary>Sends the command for one attempt of a task to the workers (through MassTransit in a host).</summary>
public interface IRenderDispatcher
{
    Task Dispatch(string taskId, int attempt, RenderTaskSpec spec);

    /// <summary>Tells a worker to remove a title's float master: its deliverables are made.</summary>
    Task Release(string masterDirectory);
}
