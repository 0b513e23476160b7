using Microsoft.Extensions.Options;

namespace SyncDashboard.Core.Stores;

/// <summary>A store from the <c>Stores</c> configuration section, with its client.</summary>
public sealed record ConfiguredStore(string Name, bool IsDestination, StoreEndpoint Endpoint, string? WebhookSecret, IStoreClient Client)
{
    /// <summary>The name and URL only: the token and secret stay out of logs.</summary>
    public override string ToString() => $"{(IsDestination ? "Destination" : "Source")} {Endpoint}";
}

/// <summary>The clients of the stores configured in the <c>Stores</c> section.</summary>
public interface IConfiguredStores
{
    ConfiguredStore Destination { get; }

    IReadOnlyList<ConfiguredStore> Sources { get; }

    /// <summary>The Destination, then the Sources.</summary>
    IReadOnlyList<ConfiguredStore> All { get; }

    /// <summary>The store with that name (ignoring case), or <c>null</c>.</summary>
    ConfiguredStore? Find(string name);
}

internal sealed class ConfiguredStores : IConfiguredStores
{
    public ConfiguredStores(IOptions<StoreConnectionsOptions> options, IStoreClientFactory factory)
    {
        // Value throws OptionsValidationException, with every problem named, when the section is invalid.
        var stores = options.Value;
        Destination = Create(stores.Destination!, isDestination: true, factory);
        Sources = [.. stores.Sources.Select(s => Create(s, isDestination: false, factory))];
        All = [Destination, .. Sources];
    }

    public ConfiguredStore Destination { get; }
    public IReadOnlyList<ConfiguredStore> Sources { get; }
    public IReadOnlyList<ConfiguredStore> All { get; }

    public ConfiguredStore? Find(string name) =>
        All.FirstOrDefault(s => string.Equals(s.Name, name?.Trim(), StringComparison.OrdinalIgnoreCase));

    private static ConfiguredStore Create(StoreConnectionOptions store, bool isDestination, IStoreClientFactory factory)
    {
        var endpoint = store.ToEndpoint() with { Name = store.Name.Trim() };
        return new ConfiguredStore(endpoint.Name, isDestination, endpoint, store.WebhookSecret, factory.Create(endpoint));
    }
}
