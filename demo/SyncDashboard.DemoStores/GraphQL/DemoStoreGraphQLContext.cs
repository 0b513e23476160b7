using GraphQL;
using SyncDashboard.DemoStores.GraphQL.BulkOperations;

namespace SyncDashboard.DemoStores.GraphQL;

/// <summary>What a GraphQL request runs against: the store's state, its options and the API version asked for.</summary>
internal sealed class DemoStoreGraphQLContext(DemoStoreCatalogue catalogue, DemoStoreOptions options, string apiVersion,
    InventorySetQuantitiesCommand inventory, TimeProvider time)
    : Dictionary<string, object?>
{
    /// <summary>The store's <c>inventorySetQuantities</c> (it remembers idempotency keys).</summary>
    public InventorySetQuantitiesCommand Inventory { get; } = inventory;

    public TimeProvider Time { get; } = time;

    /// <summary>The request's token was issued to the app (client credentials or install), not the legacy token.</summary>
    public bool SignedByApp { get; init; }

    public DemoStoreCatalogue Catalogue { get; } = catalogue;
    public DemoStoreOptions Options { get; } = options;

    /// <summary>The version in the request's path, for example <c>2026-10</c>.</summary>
    public string ApiVersion { get; } = apiVersion;

    /// <summary>The store's bulk operations (<c>bulkOperationRunQuery</c>, <c>bulkOperation</c>, result URLs).</summary>
    public BulkOperationRunner? BulkOperations { get; init; }

    /// <summary>Set while a bulk operation runs the request: connections then ignore paging arguments (see <see cref="BulkPaging"/>).</summary>
    public BulkPaging? Bulk { get; init; }
}

/// <summary>Reaches the store from a resolver.</summary>
internal static class ResolveFieldContextExtensions
{
    public static DemoStoreGraphQLContext Store(this IResolveFieldContext context) => (DemoStoreGraphQLContext)context.UserContext;
}
