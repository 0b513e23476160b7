using SyncDashboard.Core.Stores;

namespace SyncDashboard.Core.Connections;

/// <summary>
/// An install link given out and not yet (or just) used: what the store's callback must match
/// (<see cref="State"/>, the store's address), and what the connection it makes will be. Usable once,
/// until <see cref="ExpiresAt"/>; kept a while after with its outcome, which the Stores page shows.
/// The client secret is encrypted (ASP.NET Core Data Protection) and never logged.
/// </summary>
public sealed class PendingStoreInstall
{
    public int Id { get; set; }

    /// <summary>The random value the link carries and the callback must bring back (128 bits, hex); unique.</summary>
    public required string State { get; set; }

    /// <summary>The name the connection will have.</summary>
    public required string Name { get; set; }

    public StoreRole Role { get; set; } = StoreRole.Source;

    /// <summary>The store's address the link was made for; the code is exchanged there and nowhere else.</summary>
    public required string BaseUrl { get; set; }

    public StoreApi Api { get; set; } = StoreApi.GraphQL;

    /// <summary>The app's client id (Dev Dashboard).</summary>
    public required string ClientId { get; set; }

    /// <summary>The app's client secret, encrypted: it checks the callback's signature, exchanges the code and signs the webhooks.</summary>
    public required string ProtectedClientSecret { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>After this the link is refused (<see cref="StoreInstaller.LinkLifetime"/> after <see cref="CreatedAt"/>).</summary>
    public DateTimeOffset ExpiresAt { get; set; }

    /// <summary>When a genuine callback used the link (it is then refused); null while unused.</summary>
    public DateTimeOffset? UsedAt { get; set; }

    /// <summary>Whether the install ended with a connection (null until it ended).</summary>
    public bool? Succeeded { get; set; }

    /// <summary>What the merchant is told of the install's end, in the dashboard's own words.</summary>
    public string? Outcome { get; set; }

    /// <summary>The connection the install made.</summary>
    public int? ConnectionId { get; set; }
}
