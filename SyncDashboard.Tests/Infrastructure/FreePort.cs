using System.Net;
using System.Net.Sockets;

namespace SyncDashboard.Tests.Infrastructure;

public static class FreePort
{
    /// <summary>A loopback port nothing listens on now (for servers whose port must be known before they start).</summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
