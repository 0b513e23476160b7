using System.Net;

namespace SyncDashboard.Core.Stores;

/// <summary>
/// A store call, a connection test or an install link was refused before anything was sent, because the
/// store's address is (or its name resolves only to) an address on a private or local network or of the
/// dashboard's own machine (<see cref="StoreAddressPolicy"/>). Not transient: the same address is refused again until the
/// setting named in <see cref="Reason"/> allows it.
/// </summary>
/// <param name="host">The store's host as given (a name or an address).</param>
/// <param name="address">The refused address (the first one the name resolved to).</param>
/// <param name="resolved">Whether <paramref name="host"/> is a name that resolved to <paramref name="address"/>.</param>
/// <param name="ownMachine">Whether the address is a public one of the dashboard's own machine (<see cref="HostAddresses"/>).</param>
public sealed class StoreAddressRefusedException(string host, IPAddress address, bool resolved, bool ownMachine = false)
    : StoreApiException(host, HttpStatusCode.Forbidden, Describe(host, address, resolved, ownMachine))
{
    /// <summary>The refused address.</summary>
    public IPAddress Address { get; } = address;

    /// <summary>Why, in the dashboard's words, naming the setting that would allow it (without the host prefix of <see cref="Exception.Message"/>).</summary>
    public string Reason { get; } = Describe(host, address, resolved, ownMachine);

    private static string Describe(string host, IPAddress address, bool resolved, bool ownMachine) =>
        (resolved ? $"{host} resolves to {address}, an address" : $"{address} is an address") +
        (ownMachine ? " of the machine SyncDashboard runs on" : " on a private or local network") + ", and SyncDashboard calls stores only at public addresses (such as https://my-shop.myshopify.com) " +
        $"unless the setting {StoreAddressOptions.AllowPrivateAddressesPath} is true.";
}
