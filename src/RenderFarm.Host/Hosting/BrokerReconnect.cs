using System.Reflection;
using MassTransit;
using MassTransit.RabbitMqTransport.Configuration;

namespace RenderFarm.Host.Hosting;

/// <summary>
/// MassTransit reconnects each RabbitMQ receive endpoint (and its sends) on a fixed schedule: 3 s, then
/// doubling up to 30 s. After a broker restart of a few seconds an endpoint is often waiting out a long
/// step, and the farm took 18-40 s to render again. MassTransit 8 gives no setting for it (the host
/// configuration's <c>ReceiveTransportRetryPolicy</c> has a getter only), so before the bus starts its
/// policy is replaced with one that retries exactly what MassTransit's retries (its own filter decides)
/// on a short schedule: 1 s, doubling to 4 s, with 1 s of jitter so silos do not knock in step. While a
/// broker is down that is one attempt every few seconds per endpoint, which a broker cannot notice. If a
/// later MassTransit moves the field, nothing changes and <see cref="Quicken"/> says so (a test checks it).
/// </summary>
public static partial class BrokerReconnect
{
    private const string PolicyField = "<ReceiveTransportRetryPolicy>k__BackingField";

    /// <summary>The shortest and longest waits between attempts to reach the broker again.</summary>
    public static readonly (TimeSpan First, TimeSpan Longest) Schedule = (TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(4));

    /// <summary>Replaces the reconnect policy of the bus's RabbitMQ host; false when it could not be found.</summary>
    public static bool Quicken(IRabbitMqBusFactoryConfigurator bus)
    {
        ArgumentNullException.ThrowIfNull(bus);
        var host = Fields(bus.GetType()).Where(f => typeof(IRabbitMqHostConfiguration).IsAssignableFrom(f.FieldType)).Select(f => f.GetValue(bus)).OfType<IRabbitMqHostConfiguration>().FirstOrDefault();
        var field = host is null ? null : Fields(host.GetType()).FirstOrDefault(f => f.Name == PolicyField && f.FieldType == typeof(IRetryPolicy));
        if (host is null || field?.GetValue(host) is not IRetryPolicy original)
        {
            return false;
        }

        field.SetValue(host, Retry.CreatePolicy(x =>
        {
            x.Handle<Exception>(original.IsHandled);
            x.Exponential(int.MaxValue, Schedule.First, Schedule.Longest, TimeSpan.FromSeconds(1));
        }));
        return true;
    }

    /// <summary>The reconnect policy the bus's RabbitMQ host uses now (for the test that it was replaced).</summary>
    public static IRetryPolicy? PolicyOf(IRabbitMqBusFactoryConfigurator bus)
    {
        ArgumentNullException.ThrowIfNull(bus);
        var host = Fields(bus.GetType()).Select(f => f.GetValue(bus)).OfType<IRabbitMqHostConfiguration>().FirstOrDefault();
        return host?.ReceiveTransportRetryPolicy;
    }

    private static IEnumerable<FieldInfo> Fields(Type? type)
    {
        for (; type is not null; type = type.BaseType)
        {
            foreach (var field in type.GetFields(BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            {
                yield return field;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "MassTransit's RabbitMQ reconnect policy could not be replaced; after a broker restart renders may resume up to 30 s late")]
    internal static partial void LogNotQuickened(ILogger logger);
}
