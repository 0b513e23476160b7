using System.Text.Json;
using System.Text.Json.Nodes;
using SyncDashboard.Core.Stores;

namespace SyncDashboard.Core.Shopify.GraphQL;

// Inventory levels: read many items a call, set up to 250 quantities a call with compare-and-set.
public sealed partial class ShopifyGraphQLStoreClient
{
    /// <summary><c>inventorySetQuantities</c> takes up to 250 quantities a call.</summary>
    public int InventoryWritesPerCall => ShopifyGraphQLDocuments.QuantitiesPerSet;

    /// <summary>The available quantities of the items (at one location, or all), <see cref="ShopifyGraphQLDocuments.InventoryItemsPerRead"/> items a call.</summary>
    public async Task<IReadOnlyList<StoreInventoryLevel>> GetInventoryLevelsAsync(IReadOnlyCollection<long> inventoryItemIds, long? locationId = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(inventoryItemIds);
        var levels = new List<StoreInventoryLevel>();
        foreach (var chunk in inventoryItemIds.Distinct().Chunk(ShopifyGraphQLDocuments.InventoryItemsPerRead))
        {
            var variables = new JsonObject();
            for (var i = 0; i < chunk.Length; i++)
            {
                variables[$"id{i}"] = ShopifyGid.For("InventoryItem", chunk[i]);
            }
            var data = await ExecuteAsync($"InventoryLevels{chunk.Length}", ShopifyGraphQLDocuments.InventoryLevels(chunk.Length), variables,
                ShopifyGraphQLDocuments.InventoryLevelsCost(chunk.Length), safeToRepeat: true, cancellationToken).ConfigureAwait(false);
            for (var i = 0; i < chunk.Length; i++)
            {
                if (data.GetProperty($"i{i}") is not { ValueKind: JsonValueKind.Object } item)
                {
                    continue; // an item the store does not have
                }
                var itemLevels = item.GetProperty("inventoryLevels").Deserialize<GqlConnection<GqlInventoryLevel>>(ShopifyGraphQLJson.Options)!;
                foreach (var level in itemLevels.Nodes)
                {
                    var location = ShopifyGid.Id(level.Location.Id);
                    if (locationId is null || location == locationId)
                    {
                        var available = level.Quantities.FirstOrDefault(q => q.Name == "available")?.Quantity;
                        levels.Add(new StoreInventoryLevel(chunk[i], location, available, level.UpdatedAt));
                    }
                }
            }
        }
        return levels;
    }

    public async Task<StoreInventoryLevel> SetInventoryLevelAsync(long inventoryItemId, long locationId, int available, CancellationToken cancellationToken = default) =>
        (await SetInventoryLevelsAsync([new StoreInventoryLevelChange(inventoryItemId, locationId, available)], cancellationToken).ConfigureAwait(false))[0];

    /// <summary>
    /// Sets the quantities with <c>inventorySetQuantities</c>, up to 250 a call, each with its
    /// <c>changeFromQuantity</c> (the expected quantity, or null to skip the check, as 2026-04+
    /// requires one or the other) and an <c>@idempotent</c> key kept across the retries of one call.
    /// A stale expectation fails that call: <see cref="StoreInventoryConflictException"/>.
    /// </summary>
    public async Task<IReadOnlyList<StoreInventoryLevel>> SetInventoryLevelsAsync(IReadOnlyList<StoreInventoryLevelChange> changes,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(changes);
        var levels = new List<StoreInventoryLevel>(changes.Count);
        foreach (var chunk in changes.Chunk(ShopifyGraphQLDocuments.QuantitiesPerSet))
        {
            var variables = new JsonObject
            {
                ["input"] = new JsonObject
                {
                    ["name"] = "available",
                    ["reason"] = "correction",
                    ["referenceDocumentUri"] = "gid://syncdashboard/StockSync/" + Guid.NewGuid().ToString("N"),
                    ["quantities"] = new JsonArray([.. chunk.Select(c => (JsonNode)new JsonObject
                    {
                        ["inventoryItemId"] = ShopifyGid.For("InventoryItem", c.InventoryItemId),
                        ["locationId"] = ShopifyGid.For("Location", c.LocationId),
                        ["quantity"] = c.Available,
                        ["changeFromQuantity"] = c.Expected,
                    })]),
                },
                ["key"] = Guid.NewGuid().ToString(),
            };
            var data = await ExecuteAsync("InventorySet", ShopifyGraphQLDocuments.InventorySetQuantities, variables, 10, safeToRepeat: true, cancellationToken)
                .ConfigureAwait(false);
            var payload = data.GetProperty("inventorySetQuantities");
            var errors = payload.GetProperty("userErrors").Deserialize<List<GqlUserError>>(ShopifyGraphQLJson.Options)!;
            if (errors.Any(e => e.Code == "CHANGE_FROM_QUANTITY_STALE"))
            {
                var stale = errors.Where(e => e.Code == "CHANGE_FROM_QUANTITY_STALE")
                    .Select(e => e.Field is { Count: >= 3 } field && int.TryParse(field[2], out var index) && index < chunk.Length ? chunk[index].InventoryItemId : (long?)null)
                    .OfType<long>()
                    .ToList();
                throw new StoreInventoryConflictException(StoreName,
                    $"{stale.Count} quantit{(stale.Count == 1 ? "y" : "ies")} changed at the store since they were read; nothing of this call was set.", stale);
            }
            if (errors.Count > 0)
            {
                throw UserErrors("InventorySet", errors);
            }
            var now = _time.GetUtcNow();
            levels.AddRange(chunk.Select(c => new StoreInventoryLevel(c.InventoryItemId, c.LocationId, c.Available, now)));
        }
        return levels;
    }

    /// <summary>Adds <paramref name="adjustment"/>: reads the level, then sets it with the read quantity as the expected one (a concurrent change fails it, never doubles it).</summary>
    public async Task<StoreInventoryLevel> AdjustInventoryLevelAsync(long inventoryItemId, long locationId, int adjustment, CancellationToken cancellationToken = default)
    {
        var current = (await GetInventoryLevelsAsync([inventoryItemId], locationId, cancellationToken).ConfigureAwait(false)).FirstOrDefault()?.Available ?? 0;
        var set = await SetInventoryLevelsAsync([new StoreInventoryLevelChange(inventoryItemId, locationId, current + adjustment, current)], cancellationToken)
            .ConfigureAwait(false);
        return set[0];
    }
}
