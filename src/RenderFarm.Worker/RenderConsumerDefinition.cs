using MassTransit;
using Microsoft.Extensions.Options;

namespace RenderFarm.Worker;

/// <summary>
/// Every render command (track, mixdown, master, deliverable) comes from one queue, <c>render</c>, of which
/// a process takes as many messages at once as it has render slots and no more (prefetch included): a busy
/// silo holds back nothing another silo could render, a message of higher priority is the next one taken
/// whatever its kind, and a silo that stops has no message waiting in it to hand back.
/// </summary>
public sealed class RenderConsumerDefinition<TConsumer> : ConsumerDefinition<TConsumer>
    where TConsumer : class, IConsumer
{
    public const string Queue = "render";

    private readonly int _concurrency;

    public RenderConsumerDefinition(IOptions<WorkerOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _concurrency = options.Value.Concurrency;
        EndpointName = Queue;
        ConcurrentMessageLimit = _concurrency;
    }

    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator, IConsumerConfigurator<TConsumer> consumerConfigurator, IRegistrationContext context)
    {
        ArgumentNullException.ThrowIfNull(endpointConfigurator);
        endpointConfigurator.ConcurrentMessageLimit = _concurrency;
        endpointConfigurator.PrefetchCount = _concurrency;
    }
}
