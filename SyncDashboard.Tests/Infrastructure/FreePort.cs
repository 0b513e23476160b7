using System.Net;
using System.Net.Sockets;

namespace SyncDashboard.Tests.Infrastructure;

public static class FreePort
{
    private static readonly HashSet<int> HandedOut = [];

    /// <summary>
    /// A loopback port nothing listens on now (for servers whose port must be known before they
    /// start), never one this test run has handed out before: the OS may offer a port again as
    /// soon as the probe closes, and two demo stores of one app must not share one.
    /// </summary>
    public static int Next()
    {
        while (true)
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            lock (HandedOut)
            {
                if (HandedOut.Add(port))
                {
                    return port;
                }
            }
        }
    }
}
