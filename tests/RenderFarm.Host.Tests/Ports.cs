using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace RenderFarm.Host.Tests;

/// <summary>
/// Free loopback ports for the processes a test starts: below the kernel's ephemeral range (32768 and up),
/// so no outgoing connection (to RabbitMQ, Redis, another silo) is given one between the test picking it and
/// the process binding it; never the same one twice in a run.
/// </summary>
internal static class Ports
{
    private const int First = 20_000;
    private const int Last = 32_000;
    private static readonly HashSet<int> Given = [];
    private static readonly Random Pick = new();

    public static int Free()
    {
        lock (Given)
        {
            for (var i = 0; i < 1000; i++)
            {
                var port = Pick.Next(First, Last);
                if (!Given.Contains(port) && Bindable(port))
                {
                    Given.Add(port);
                    return port;
                }
            }
        }

        throw new InvalidOperationException($"no free loopback port between {First} and {Last}");
    }

    public static string FreeText() => Free().ToString(CultureInfo.InvariantCulture);

    private static bool Bindable(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
