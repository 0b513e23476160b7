using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using SyncDashboard.Core.Shopify.Models;
using SyncDashboard.DemoStores.Persistence;

namespace SyncDashboard.DemoStores;

// Product writes: create, update, delete, seed and reset; every change saved before its webhook is raised.
internal sealed partial class DemoStoreCatalogue
{
    // ---------------------------------------------------------------- products: writes

    /// <summary>
    /// Creates a product as <c>POST products.json</c> does, with the <c>metafields</c> the body carries.
    /// <paramref name="raw"/> tells an explicit null (an untracked variant's <c>inventory_management</c>) from an absent field.
    /// </summary>
    public JsonObject CreateProduct(ShopifyProduct input, JsonObject? raw = null)
    {
        JsonObject result;
        lock (_gate)
        {
            var product = BuildNewProduct(input, keepInventory: false, raw?["variants"] as JsonArray);
            var metafields = NewMetafields(product.Id!.Value, input.Metafields ?? []);
            using var db = new DemoStoreDbContext(_db);
            AddProduct(db, product, inventoryFrom: null);
            SaveMetafields(db, product.Id.Value, metafields);
            SaveStoreState(db);
            db.SaveChanges();
            result = ToJson(product);
        }
        Raise("products/create", result);
        return result;
    }

    /// <summary>Changes the fields the body carries, as <c>PUT products/{id}.json</c> does.</summary>
    public JsonObject UpdateProduct(long id, ShopifyProduct input, JsonObject raw)
    {
        JsonObject result;
        var removedItems = new List<long>();
        lock (_gate)
        {
            var product = FindProduct(id);
            var now = Now();
            var draft = Clone(product);
            ApplyScalarFields(draft, input);
            if (input.Options is not null)
            {
                ApplyOptionNames(draft, input.Options);
            }
            using var db = new DemoStoreDbContext(_db);
            var addedVariants = new List<ShopifyVariant>();
            if (input.Variants is not null)
            {
                var rawVariants = raw["variants"] as JsonArray;
                draft.Variants = MergeVariants(draft, input.Variants, rawVariants, addedVariants, removedItems, now);
            }
            if (input.Images is not null)
            {
                draft.Images = MergeImages(draft, input.Images, now);
            }
            RebuildOptionValues(draft);
            Validate(draft);
            draft.UpdatedAt = now;
            draft.Image = draft.Images?.FirstOrDefault();

            foreach (var itemId in removedItems)
            {
                RemoveInventoryItem(db, itemId);
            }
            foreach (var variant in addedVariants)
            {
                AddInventoryItem(db, draft.Id!.Value, variant, available: 0);
            }
            _products[id] = draft;
            RefreshQuantities(draft);
            UpsertProductRow(db, draft);
            SaveStoreState(db);
            db.SaveChanges();
            result = ToJson(draft);
        }
        Raise("products/update", result);
        return result;
    }

    public void DeleteProduct(long id)
    {
        lock (_gate)
        {
            var product = FindProduct(id);
            using var db = new DemoStoreDbContext(_db);
            foreach (var variant in product.Variants ?? [])
            {
                RemoveInventoryItem(db, variant.InventoryItemId!.Value);
            }
            _products.Remove(id);
            _productIds.RemoveAt(LowerBound(id));
            RemoveMetafields(db, id);
            var row = db.Products.Find(_store, id);
            if (row is not null)
            {
                db.Products.Remove(row);
            }
            db.SaveChanges();
        }
        Raise("products/delete", new JsonObject { ["id"] = id });
    }

    /// <summary>
    /// Adds catalogue products directly (no rate limit, no webhooks), with each variant's
    /// <c>inventory_quantity</c> as its stock at the primary location. Marks the store seeded.
    /// </summary>
    public int Seed(IEnumerable<ShopifyProduct> products)
    {
        lock (_gate)
        {
            var added = 0;
            using var db = new DemoStoreDbContext(_db);
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            foreach (var input in products)
            {
                var product = BuildNewProduct(input, keepInventory: true);
                AddProduct(db, product, inventoryFrom: input);
                added++;
                if (added % 2_000 == 0)
                {
                    db.SaveChanges();
                    db.ChangeTracker.Clear();
                }
            }
            _seeded = true;
            db.ChangeTracker.AutoDetectChangesEnabled = true; // so the store row's update is seen
            SaveStoreState(db);
            db.SaveChanges();
            return added;
        }
    }

    /// <summary>Forgets every product, inventory level and webhook subscription; keeps the locations.</summary>
    public void Reset()
    {
        lock (_gate)
        {
            using var db = new DemoStoreDbContext(_db);
            db.Products.Where(p => p.Store == _store).ExecuteDelete();
            db.InventoryLevels.Where(l => l.Store == _store).ExecuteDelete();
            db.Webhooks.Where(w => w.Store == _store).ExecuteDelete();
            db.Metafields.Where(m => m.Store == _store).ExecuteDelete();
            _metafields.Clear();
            _products.Clear();
            _productIds.Clear();
            _inventoryItems.Clear();
            _levels.Clear();
            _webhooks.Clear();
            _seeded = false;
            SaveStoreState(db);
            db.SaveChanges();
        }
    }
}
