using MassTransit;
using RenderFarm.Contracts;

namespace RenderFarm.Grains.Messaging;

/// <summary>Hands a worker's progress (its heartbeat) to the task's grain.</summary>
public sealed class RenderProgressedConsumer(IGrainFactory grains) : IConsumer<RenderProgressed>
{
    public Task Consume(ConsumeContext<RenderProgressed> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var m = context.Message;
        return grains.GetGrain<IRenderTaskGrain>(m.TaskId).Progress(m.Attempt, m.Worker, m.Fraction);
    }
}
