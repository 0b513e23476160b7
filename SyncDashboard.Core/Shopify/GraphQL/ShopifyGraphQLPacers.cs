using System.Collections.Concurrent;

namespace SyncDashboard.Core.Shopify.GraphQL;

/// <summary>One <see cref="ShopifyGraphQLPacer"/> per store origin, shared by every client of that store.</summary>
public sealed class ShopifyGraphQLPacers(TimeProvider time)
{
    private readonly ConcurrentDictionary<string, ShopifyGraphQLPacer> _pacers = new();

    public ShopifyGraphQLPacer For(Uri uri) => _pacers.GetOrAdd(ShopifyRequestPacers.KeyOf(uri), _ => new ShopifyGraphQLPacer(time));
}
