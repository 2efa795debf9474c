using MassTransit;
using RenderFarm.Contracts;

namespace RenderFarm.Grains.Messaging;

/// <summary>Hands a finished render to the task's grain, which takes it only from its current attempt.</summary>
public sealed class RenderCompletedConsumer(IGrainFactory grains) : IConsumer<RenderCompleted>
{
    public Task Consume(ConsumeContext<RenderCompleted> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var m = context.Message;
        return grains.GetGrain<IRenderTaskGrain>(m.TaskId).Complete(m.Attempt, m.Worker, [.. m.Outputs.Select(o => new TaskOutput(o.Path, o.Sha256))], m.ReportJson, m.Log);
    }
}
