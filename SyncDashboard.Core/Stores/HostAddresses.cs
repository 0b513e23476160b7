using System.Net;
using System.Net.NetworkInformation;

namespace SyncDashboard.Core.Stores;

/// <summary>
/// The addresses of the machine the dashboard runs on (every network interface's unicast addresses,
/// read again at most every 30 seconds): a store is never one of them, public or not, so that "Test
/// connection" cannot reach the dashboard's own services through the machine's public address.
/// </summary>
public class HostAddresses(TimeProvider time)
{
    private static readonly TimeSpan RefreshAfter = TimeSpan.FromSeconds(30);
    private readonly Lock _gate = new();
    private (HashSet<IPAddress> Addresses, DateTimeOffset ReadAt)? _read;

    /// <summary>Whether <paramref name="address"/> (an IPv4-mapped IPv6 one as its IPv4 address) is this machine's.</summary>
    public bool Contains(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        var now = time.GetUtcNow();
        HashSet<IPAddress> addresses;
        lock (_gate)
        {
            if (_read is not { } read || now - read.ReadAt > RefreshAfter)
            {
                read = (Read(), now);
                _read = read;
            }
            addresses = read.Addresses;
        }
        return addresses.Contains(address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address);
    }

    /// <summary>The machine's addresses now (no scope ids, so that a link-local address compares by its bytes).</summary>
    protected virtual IEnumerable<IPAddress> Current()
    {
        try
        {
            return NetworkInterface.GetAllNetworkInterfaces()
                .SelectMany(i => i.GetIPProperties().UnicastAddresses)
                .Select(u => u.Address)
                .ToList();
        }
        catch (NetworkInformationException)
        {
            return []; // the private-network rule still holds
        }
    }

    private HashSet<IPAddress> Read() =>
        [.. Current().Select(a => a.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? new IPAddress(a.GetAddressBytes()) : a)];
}
