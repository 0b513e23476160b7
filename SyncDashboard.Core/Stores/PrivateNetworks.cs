using System.Net;
using System.Net.Sockets;

namespace SyncDashboard.Core.Stores;

/// <summary>
/// Whether an IP address lies on a private or local network, where a store's public address never is
/// (Shopify's stores answer at <c>*.myshopify.com</c>, on the internet). The ranges, from the IANA
/// special-purpose address registries (RFC 6890):
/// <list type="bullet">
/// <item>IPv4: <c>0.0.0.0/8</c> "this network" and <c>127.0.0.0/8</c> loopback (RFC 1122), <c>10.0.0.0/8</c>,
/// <c>172.16.0.0/12</c> and <c>192.168.0.0/16</c> private (RFC 1918), <c>100.64.0.0/10</c> shared address space
/// of carrier-grade NAT (RFC 6598), <c>169.254.0.0/16</c> link-local, where clouds serve instance metadata
/// (RFC 3927), <c>192.0.0.0/24</c> protocol assignments (RFC 6890), <c>198.18.0.0/15</c> benchmarking
/// (RFC 2544), <c>224.0.0.0/4</c> multicast and <c>240.0.0.0/4</c> reserved, broadcast included (RFC 1112).</item>
/// <item>IPv6: <c>::/96</c> (the unspecified <c>::</c>, loopback <c>::1</c> and the deprecated IPv4-compatible
/// addresses, RFC 4291), <c>fc00::/7</c> unique local (RFC 4193), <c>fe80::/10</c> link-local (RFC 4291),
/// <c>fec0::/10</c> site-local (deprecated, RFC 3879) and <c>ff00::/8</c> multicast.</item>
/// <item>An IPv4 address carried in IPv6, mapped (<c>::ffff:0:0/96</c>, RFC 4291), through NAT64
/// (<c>64:ff9b::/96</c>, RFC 6052) or 6to4 (<c>2002::/16</c>, RFC 3056), is judged as that IPv4 address.</item>
/// </list>
/// </summary>
public static class PrivateNetworks
{
    private static readonly (byte[] Network, int PrefixLength)[] Ranges =
    [
        .. new[]
        {
            "0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12", "192.0.0.0/24",
            "192.168.0.0/16", "198.18.0.0/15", "224.0.0.0/4", "240.0.0.0/4",
            "::/96", "fc00::/7", "fe80::/10", "fec0::/10", "ff00::/8",
        }.Select(Parse),
    ];

    private static readonly byte[] Nat64Prefix = [0x00, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0];

    /// <summary>True when <paramref name="address"/> is on one of the private or local networks above.</summary>
    public static bool Contains(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (EmbeddedIPv4(address) is { } carried)
        {
            address = carried;
        }
        var bytes = address.GetAddressBytes();
        return Ranges.Any(r => r.Network.Length == bytes.Length && StartsWith(bytes, r.Network, r.PrefixLength));
    }

    /// <summary>The IPv4 address an IPv6 one carries (mapped, NAT64 or 6to4), or null.</summary>
    private static IPAddress? EmbeddedIPv4(IPAddress address)
    {
        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return null;
        }
        if (address.IsIPv4MappedToIPv6)
        {
            return address.MapToIPv4();
        }
        var bytes = address.GetAddressBytes();
        if (bytes.AsSpan(0, 12).SequenceEqual(Nat64Prefix))
        {
            return new IPAddress(bytes.AsSpan(12, 4));
        }
        return bytes[0] == 0x20 && bytes[1] == 0x02 ? new IPAddress(bytes.AsSpan(2, 4)) : null;
    }

    private static bool StartsWith(byte[] address, byte[] network, int prefixLength)
    {
        var whole = prefixLength / 8;
        if (!address.AsSpan(0, whole).SequenceEqual(network.AsSpan(0, whole)))
        {
            return false;
        }
        var rest = prefixLength % 8;
        if (rest == 0)
        {
            return true;
        }
        var mask = (byte)(0xff << (8 - rest));
        return (address[whole] & mask) == (network[whole] & mask);
    }

    private static (byte[] Network, int PrefixLength) Parse(string range)
    {
        var slash = range.IndexOf('/', StringComparison.Ordinal);
        return (IPAddress.Parse(range[..slash]).GetAddressBytes(), int.Parse(range[(slash + 1)..], System.Globalization.CultureInfo.InvariantCulture));
    }
}
