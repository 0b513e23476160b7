namespace SyncDashboard.Core.Stores;

/// <summary>
/// Where and how fast the dashboard may reach a store (configuration section <c>Stores</c>, beside the
/// configured stores of <see cref="StoreConnectionsOptions"/>), validated when the host starts by
/// <see cref="StoreAddressOptionsValidator"/>. See <see cref="StoreAddressPolicy"/> for the rule.
/// <code>
/// "Stores": { "AllowPrivateAddresses": false, "ConnectionTestTimeout": "00:00:05", "ConnectTimeout": "00:00:03" }
/// </code>
/// </summary>
public sealed class StoreAddressOptions
{
    public const string SectionName = StoreConnectionsOptions.SectionName;

    /// <summary>
    /// Let stores be called at addresses on private or local networks (<see cref="PrivateNetworks"/>):
    /// loopback, link-local, RFC 1918, carrier-grade NAT, unique local IPv6. False by default, so that a
    /// store address typed in the dashboard cannot make it probe its own network; turn on only for a
    /// store served inside that network on purpose. The demo stores do not need it: they register their own addresses.
    /// </summary>
    public bool AllowPrivateAddresses { get; set; }

    /// <summary>How long a connection test (and the test that starts a connect) may take in all: resolving the name, connecting, asking the store who it is. 5 seconds by default.</summary>
    public TimeSpan ConnectionTestTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long opening a connection to a store (name resolution and TCP, not TLS) may take, for every store call. 3 seconds by default.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>The setting's path, for messages that tell the merchant which setting would allow an address.</summary>
    public static string AllowPrivateAddressesPath => $"{SectionName}:{nameof(AllowPrivateAddresses)}";
}
