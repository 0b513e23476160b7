using System.Text.Json;
using System.Text.Json.Nodes;
using SyncDashboard.DemoStores.Persistence;
using SyncDashboard.Core.Shopify;
using SyncDashboard.Core.Shopify.Models;

namespace SyncDashboard.DemoStores;

// Variants on their own paths: POST products/{id}/variants.json and DELETE products/{id}/variants/{variant_id}.json.
internal sealed partial class DemoStoreCatalogue
{
    /// <summary>
    /// Adds a variant as <c>POST products/{id}/variants.json</c> does: its options must name a new
    /// combination, the product keeps at most <see cref="MaxVariants"/>, and its stock starts at 0 at
    /// the primary location. Raises <c>products/update</c>, as Shopify does when variants change.
    /// </summary>
    public JsonObject CreateVariant(long productId, ShopifyVariant input, JsonObject? raw)
    {
        JsonObject variantJson;
        JsonObject productJson;
        lock (_gate)
        {
            var product = FindProduct(productId);
            var now = Now();
            var draft = Clone(product);
            var variant = NewVariant(draft, input, now, raw);
            draft.Variants!.Add(variant);
            RebuildOptionValues(draft);
            Validate(draft);
            draft.UpdatedAt = now;
            using var db = new DemoStoreDbContext(_db);
            AddInventoryItem(db, productId, variant, available: 0);
            _products[productId] = draft;
            RefreshQuantities(draft);
            UpsertProductRow(db, draft);
            SaveStoreState(db);
            db.SaveChanges();
            variantJson = JsonSerializer.SerializeToNode(variant, ShopifyJson.Responses)!.AsObject();
            productJson = ToJson(draft);
        }
        Raise("products/update", productJson);
        return variantJson;
    }

    /// <summary>Deletes one variant and its inventory item; a product keeps at least one variant (422 otherwise).</summary>
    public void DeleteVariant(long productId, long variantId)
    {
        JsonObject productJson;
        lock (_gate)
        {
            var product = FindProduct(productId);
            var variant = product.Variants!.FirstOrDefault(v => v.Id == variantId) ?? throw new DemoStoreNotFoundException();
            if (product.Variants!.Count == 1)
            {
                throw DemoStoreValidationException.For("base", "The last variant of a product can't be deleted");
            }
            var draft = Clone(product);
            draft.Variants!.RemoveAll(v => v.Id == variantId);
            RebuildOptionValues(draft);
            draft.UpdatedAt = Now();
            using var db = new DemoStoreDbContext(_db);
            RemoveInventoryItem(db, variant.InventoryItemId!.Value);
            _products[productId] = draft;
            RefreshQuantities(draft);
            UpsertProductRow(db, draft);
            db.SaveChanges();
            productJson = ToJson(draft);
        }
        Raise("products/update", productJson);
    }
}
