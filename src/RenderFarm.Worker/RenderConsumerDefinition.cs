using MassTransit;
using Microsoft.Extensions.Options;

namespace RenderFarm.Worker;

/// <summary>Each render queue takes as many messages at once as the process has render slots (the slots then share the cores between kinds).</summary>
public sealed class RenderConsumerDefinition<TConsumer> : ConsumerDefinition<TConsumer>
    where TConsumer : class, IConsumer
{
    public RenderConsumerDefinition(IOptions<WorkerOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ConcurrentMessageLimit = options.Value.Concurrency;
    }
}
