using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SyncDashboard.Core.Shopify;
using SyncDashboard.Core.Shopify.Models;
using SyncDashboard.DemoStores.Persistence;

namespace SyncDashboard.DemoStores;

// Inventory items, levels and locations: levels set or adjusted, quantities summed per variant.
internal sealed partial class DemoStoreCatalogue
{
    // ---------------------------------------------------------------- inventory and locations

    public IReadOnlyList<ShopifyInventoryLevel> ListInventoryLevels(IReadOnlySet<long>? itemIds, IReadOnlySet<long>? locationIds)
    {
        lock (_gate)
        {
            if (itemIds is not null && itemIds.Count * _locations.Count < _levels.Count)
            {
                // A few items (a variant's levels): look them up rather than scan every level of the store.
                return itemIds.Order()
                    .SelectMany(item => _locations.Keys.Where(l => locationIds is null || locationIds.Contains(l))
                        .Select(l => _levels.GetValueOrDefault((item, l))))
                    .OfType<DemoInventoryLevelRow>()
                    .Select(ToLevel)
                    .ToList();
            }
            return _levels.Values
                .Where(l => (itemIds is null || itemIds.Contains(l.InventoryItemId)) &&
                            (locationIds is null || locationIds.Contains(l.LocationId)))
                .OrderBy(l => l.InventoryItemId).ThenBy(l => l.LocationId)
                .Select(ToLevel)
                .ToList();
        }
    }

    public ShopifyInventoryLevel SetInventoryLevel(long itemId, long locationId, int available) =>
        ChangeInventory(itemId, locationId, _ => available);

    public ShopifyInventoryLevel AdjustInventoryLevel(long itemId, long locationId, int adjustment) =>
        ChangeInventory(itemId, locationId, current => current + adjustment);

    public IReadOnlyList<ShopifyLocation> ListLocations()
    {
        lock (_gate)
        {
            return [.. _locations.Values];
        }
    }

    public ShopifyLocation GetLocation(long id)
    {
        lock (_gate)
        {
            return _locations.TryGetValue(id, out var location) ? location : throw new DemoStoreNotFoundException();
        }
    }

    // ---------------------------------------------------------------- inventory internals

    private ShopifyInventoryLevel ChangeInventory(long itemId, long locationId, Func<int, int> change)
    {
        ShopifyInventoryLevel result;
        lock (_gate)
        {
            if (!_inventoryItems.TryGetValue(itemId, out var owner))
            {
                throw DemoStoreValidationException.For("inventory_item_id", "Inventory item does not exist");
            }
            if (!_locations.ContainsKey(locationId))
            {
                throw DemoStoreValidationException.For("location_id", "Location does not exist");
            }
            var product = _products[owner.ProductId];
            var variant = product.Variants!.First(v => v.Id == owner.VariantId);
            if (variant.InventoryManagement is null)
            {
                throw DemoStoreValidationException.ForBase("Inventory item does not have inventory tracking enabled");
            }
            using var db = new DemoStoreDbContext(_db);
            if (!_levels.TryGetValue((itemId, locationId), out var level))
            {
                level = new DemoInventoryLevelRow { Store = _store, InventoryItemId = itemId, LocationId = locationId };
                _levels[(itemId, locationId)] = level;
                db.InventoryLevels.Add(level);
            }
            else
            {
                db.InventoryLevels.Attach(level);
            }
            variant.OldInventoryQuantity = variant.InventoryQuantity;
            level.Available = change(level.Available);
            level.UpdatedAt = Now();
            RefreshQuantities(product);
            variant.UpdatedAt = level.UpdatedAt;
            product.UpdatedAt = level.UpdatedAt; // as in Shopify, a stock change makes the product "updated"
            UpsertProductRow(db, product);
            db.SaveChanges();
            result = ToLevel(level);
        }
        Raise("inventory_levels/update", JsonSerializer.SerializeToNode(result, ShopifyJson.Responses)!);
        return result;
    }

    /// <summary>A variant's <c>inventory_quantity</c> is the sum of its levels.</summary>
    private void RefreshQuantities(ShopifyProduct product)
    {
        foreach (var variant in product.Variants!)
        {
            var itemId = variant.InventoryItemId!.Value;
            variant.InventoryQuantity = _locations.Keys.Sum(l => _levels.TryGetValue((itemId, l), out var level) ? level.Available : 0);
        }
    }

    private void AddInventoryItem(DemoStoreDbContext db, long productId, ShopifyVariant variant, int available)
    {
        var itemId = variant.InventoryItemId!.Value;
        _inventoryItems[itemId] = (productId, variant.Id!.Value);
        var level = new DemoInventoryLevelRow
        {
            Store = _store,
            InventoryItemId = itemId,
            LocationId = _locations.Keys.First(),
            Available = available,
            UpdatedAt = variant.UpdatedAt ?? Now(),
        };
        _levels[(itemId, level.LocationId)] = level;
        db.InventoryLevels.Add(level);
    }

    private void RemoveInventoryItem(DemoStoreDbContext db, long itemId)
    {
        _inventoryItems.Remove(itemId);
        foreach (var location in _locations.Keys)
        {
            if (_levels.Remove((itemId, location), out var level))
            {
                db.InventoryLevels.Remove(level);
            }
        }
    }

    private static ShopifyInventoryLevel ToLevel(DemoInventoryLevelRow level) => new()
    {
        InventoryItemId = level.InventoryItemId,
        LocationId = level.LocationId,
        Available = level.Available,
        UpdatedAt = level.UpdatedAt,
        AdminGraphqlApiId = $"gid://shopify/InventoryLevel/{level.LocationId}?inventory_item_id={level.InventoryItemId}",
    };
}
