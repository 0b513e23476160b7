using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace SyncDashboard.Core.Stores;

/// <summary>
/// Which network addresses the dashboard may call a store at, so that a store address typed in the
/// dashboard cannot turn "Test connection" into a scanner of the dashboard's own network. A store's
/// address is public: an address on a private or local network (<see cref="PrivateNetworks"/>: loopback,
/// link-local, RFC 1918, carrier-grade NAT, unique local IPv6, and the like) or one of the dashboard's
/// own machine (<see cref="HostAddresses"/>, even a public one), given as such or as a name that
/// resolves to one, is refused with <see cref="StoreAddressRefusedException"/> unless
/// <see cref="StoreAddressOptions.AllowPrivateAddresses"/> is true or that exact address and port were
/// allowed with <see cref="Allow"/> (the demo stores register the loopback ports they serve).
/// <para>
/// The rule is applied where the name is resolved, just before connecting: <see cref="CreateHandler"/>
/// gives the store clients' HTTP handler, whose every new connection resolves the name itself and
/// connects only to an allowed address, so a name that later resolves elsewhere (DNS rebinding) is
/// judged again; and <see cref="OpenAsync"/> opens a connection that way for a connection test. A name
/// that resolves to allowed and refused addresses is reached at the allowed ones only.
/// </para>
/// </summary>
public sealed class StoreAddressPolicy(IOptionsMonitor<StoreAddressOptions> options, HostAddresses hostAddresses)
{
    private readonly ConcurrentDictionary<IPEndPoint, bool> _allowed = new();

    /// <summary>
    /// Allows the address and port of <paramref name="origin"/> (for example <c>http://127.0.0.1:5101</c>)
    /// even on a private or local network: a store this app serves itself, such as a demo store.
    /// </summary>
    /// <exception cref="ArgumentException">The origin's host is a name, not an IP address.</exception>
    public void Allow(Uri origin)
    {
        ArgumentNullException.ThrowIfNull(origin);
        if (!IPAddress.TryParse(origin.IdnHost.Trim('[', ']'), out var address))
        {
            throw new ArgumentException($"'{origin}' does not name an IP address; only addresses can be allowed.", nameof(origin));
        }
        _allowed[new IPEndPoint(Normalize(address), origin.Port)] = true;
    }

    /// <summary>Whether a store may be called at <paramref name="address"/> and <paramref name="port"/>.</summary>
    public bool IsAllowed(IPAddress address, int port)
    {
        ArgumentNullException.ThrowIfNull(address);
        address = Normalize(address);
        return options.CurrentValue.AllowPrivateAddresses
            || (!PrivateNetworks.Contains(address) && !hostAddresses.Contains(address))
            || _allowed.ContainsKey(new IPEndPoint(address, port));
    }

    /// <summary>
    /// The addresses <paramref name="host"/> may be called at on <paramref name="port"/>: the host itself
    /// when it is an address, else what the system's resolver (DNS) gives, keeping the allowed ones.
    /// </summary>
    /// <param name="host">A name or an IP address (IPv6 with or without brackets).</param>
    /// <exception cref="StoreAddressRefusedException">Every address is on a private or local network and none is allowed.</exception>
    /// <exception cref="SocketException">The name could not be resolved (<see cref="SocketError.HostNotFound"/> and the like).</exception>
    public async Task<IReadOnlyList<IPAddress>> ResolveAsync(string host, int port, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(host);
        var name = host.Trim('[', ']');
        var literal = IPAddress.TryParse(name, out var address);
        IPAddress[] addresses = literal ? [address!] : await Dns.GetHostAddressesAsync(name, cancellationToken).ConfigureAwait(false);
        if (addresses.Length == 0)
        {
            throw new SocketException((int)SocketError.HostNotFound);
        }
        var allowed = addresses.Where(a => IsAllowed(a, port)).ToList();
        if (allowed.Count > 0)
        {
            return allowed;
        }
        var refused = Normalize(addresses[0]);
        throw new StoreAddressRefusedException(host, refused, resolved: !literal, ownMachine: !PrivateNetworks.Contains(refused));
    }

    /// <summary>A TCP connection to <paramref name="host"/> on <paramref name="port"/>, at an allowed address only (tried in the resolver's order).</summary>
    /// <exception cref="StoreAddressRefusedException">No address of the host is allowed: nothing was sent.</exception>
    /// <exception cref="SocketException">The name could not be resolved, or no address accepted the connection.</exception>
    public async Task<Socket> OpenAsync(string host, int port, CancellationToken cancellationToken = default)
    {
        var addresses = await ResolveAsync(host, port, cancellationToken).ConfigureAwait(false);
        // Dual mode: IPv4 and IPv6 addresses alike.
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync([.. addresses], port, cancellationToken).ConfigureAwait(false);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The primary HTTP handler of the store clients: every connection is opened by <see cref="OpenAsync"/>
    /// within <see cref="StoreAddressOptions.ConnectTimeout"/>. A refusal reaches the caller as an
    /// <see cref="HttpRequestException"/> whose inner exception is the <see cref="StoreAddressRefusedException"/>.
    /// No proxy is used: a proxy would connect in the dashboard's stead, to an address this rule never sees.
    /// </summary>
    public SocketsHttpHandler CreateHandler() => new()
    {
        ConnectCallback = async (context, cancellationToken) =>
            new NetworkStream(await OpenAsync(context.DnsEndPoint.Host, context.DnsEndPoint.Port, cancellationToken).ConfigureAwait(false), ownsSocket: true),
        ConnectTimeout = options.CurrentValue.ConnectTimeout,
        UseProxy = false,
    };

    private static IPAddress Normalize(IPAddress address) => address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
}
