using MassTransit;
using RenderFarm.Contracts;

namespace RenderFarm.Grains.Messaging;

/// <summary>Hands a failed render to the task's grain, which retries it or fails the task.</summary>
public sealed class RenderFailedConsumer(IGrainFactory grains) : IConsumer<RenderFailed>
{
    public Task Consume(ConsumeContext<RenderFailed> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var m = context.Message;
        return grains.GetGrain<IRenderTaskGrain>(m.TaskId).Fail(m.Attempt, m.Worker, m.Reason, m.Retryable, m.Log);
    }
}
