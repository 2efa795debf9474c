using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using RabbitMQ.Client.Exceptions;
using RenderFarm.Host.Hosting;

namespace RenderFarm.Host.Tests;

/// <summary>
/// The farm replaces MassTransit's RabbitMQ reconnect schedule (3 s doubling to 30 s, which held renders
/// back 18-40 s after a broker restart) by reaching into its host configuration; a MassTransit upgrade that
/// moves the field fails here first. What is retried does not change: the old policy's own filter decides.
/// </summary>
public sealed class BrokerReconnectTests
{
    [Fact]
    public async Task TheReconnectSchedule_IsReplaced_AndRetriesWhatMassTransitRetried()
    {
        var applied = false;
        IRetryPolicy? before = null, after = null;
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddMassTransit(x =>
        {
            x.DisableUsageTelemetry();
            x.UsingRabbitMq((_, bus) =>
            {
                bus.Host(new Uri("rabbitmq://127.0.0.1:1/"), h =>
                {
                    h.Username("renderfarm");
                    h.Password("not used: the bus is never started");
                });
                before = BrokerReconnect.PolicyOf(bus);
                applied = BrokerReconnect.Quicken(bus);
                after = BrokerReconnect.PolicyOf(bus);
            });
        });
        await using var provider = services.BuildServiceProvider();
        _ = provider.GetRequiredService<IBusControl>();

        Assert.True(applied, "MassTransit's reconnect policy was not found");
        Assert.NotNull(before);
        Assert.NotNull(after);
        Assert.NotSame(before, after);
        Exception[] errors =
        [
            new ConnectionException("broker unreachable"),
            new AuthenticationFailureException("ACCESS_REFUSED"),
            new InvalidOperationException("not a transport error"),
        ];
        Assert.Equal(errors.Select(before.IsHandled), errors.Select(after.IsHandled));
        Assert.True(after.IsHandled(errors[0]));
        Assert.False(after.IsHandled(errors[1]));
    }
}
