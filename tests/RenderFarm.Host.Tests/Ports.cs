using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace RenderFarm.Host.Tests;

/// <summary>Free loopback ports for the processes a test starts.</summary>
internal static class Ports
{
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static string FreeText() => Free().ToString(CultureInfo.InvariantCulture);
}
