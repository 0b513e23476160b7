using System.Net;
using System.Net.Sockets;

namespace SyncDashboard.Core.Webhooks;

/// <summary>
/// Who sent a request, as the webhook receiver counts senders (its rate limit and its rejection entries):
/// an IPv4 address as such (<c>203.0.113.7</c>, an IPv4-mapped IPv6 one included); an IPv6 address by its
/// /64 network (<c>2001:db8:1:2::/64</c>), since one site is given at least a whole /64 (RFC 6177) and can
/// change address within it at will; <c>unknown</c> when the connection names none. This is the address
/// the connection came from: behind a reverse proxy, the proxy's.
/// </summary>
public static class ClientAddress
{
    public const string Unknown = "unknown";

    public static string Of(IPAddress? address)
    {
        if (address is null)
        {
            return Unknown;
        }
        if (address.IsIPv4MappedToIPv6)
        {
            return address.MapToIPv4().ToString();
        }
        if (address.AddressFamily != AddressFamily.InterNetworkV6 || IPAddress.IsLoopback(address))
        {
            return address.ToString();
        }
        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return $"{new IPAddress(bytes)}/64";
    }
}
