using System.Text.Json.Nodes;
using SyncDashboard.Core.Shopify.Models;
using SyncDashboard.DemoStores.Persistence;

namespace SyncDashboard.DemoStores;

// Variants on their own: POST products/{id}/variants.json, DELETE products/{id}/variants/{variant_id}.json,
// and the GraphQL productVariantsBulkCreate/Update/Delete mutations, each saved as one change of the product.
internal sealed partial class DemoStoreCatalogue
{
    /// <summary>
    /// Adds a variant as <c>POST products/{id}/variants.json</c> does: its options must name a new
    /// combination, the product keeps at most <see cref="MaxVariants"/>, and its stock starts at 0 at
    /// the primary location. Raises <c>products/update</c>, as Shopify does when variants change.
    /// </summary>
    public JsonObject CreateVariant(long productId, ShopifyVariant input, JsonObject? raw)
    {
        var (product, ids) = CreateVariants(productId, [(input, raw)], removeStandalone: false);
        return product["variants"]!.AsArray()
            .Single(v => v!["id"]!.GetValue<long>() == ids[0])!
            .DeepClone().AsObject();
    }

    /// <summary>
    /// Adds several variants in one change (GraphQL <c>productVariantsBulkCreate</c>): the same rules
    /// as <see cref="CreateVariant"/> for each, checked together, and one <c>products/update</c>.
    /// With <paramref name="removeStandalone"/> the product's only variant is deleted first (the
    /// mutation's strategies). <paramref name="inputs"/> carry each variant's REST body, which tells
    /// an explicit null from an absent field. Returns the product as REST shows it and the new ids in
    /// input order; <see cref="DemoStoreValidationException"/> (nothing saved) when a rule fails.
    /// </summary>
    public (JsonObject Product, IReadOnlyList<long> VariantIds) CreateVariants(
        long productId, IReadOnlyList<(ShopifyVariant Input, JsonObject? Raw)> inputs, bool removeStandalone)
    {
        JsonObject productJson;
        var ids = new List<long>(inputs.Count);
        lock (_gate)
        {
            var product = FindProduct(productId);
            var now = Now();
            var draft = Clone(product);
            var removed = new List<ShopifyVariant>();
            if (removeStandalone && draft.Variants!.Count == 1)
            {
                removed.Add(draft.Variants[0]);
                draft.Variants.Clear();
            }
            var added = new List<ShopifyVariant>(inputs.Count);
            foreach (var (input, raw) in inputs)
            {
                var variant = NewVariant(draft, input, now, raw);
                draft.Variants!.Add(variant);
                added.Add(variant);
            }
            RebuildOptionValues(draft);
            Validate(draft);
            draft.UpdatedAt = now;
            using var db = new DemoStoreDbContext(_db);
            foreach (var variant in removed)
            {
                RemoveInventoryItem(db, variant.InventoryItemId!.Value);
            }
            foreach (var variant in added)
            {
                AddInventoryItem(db, productId, variant, available: 0);
                ids.Add(variant.Id!.Value);
            }
            _products[productId] = draft;
            RefreshQuantities(draft);
            UpsertProductRow(db, draft);
            SaveStoreState(db);
            db.SaveChanges();
            productJson = ToJson(draft);
        }
        Raise("products/update", productJson);
        return (productJson, ids);
    }

    /// <summary>
    /// Changes the given fields of several variants of one product in one change (GraphQL
    /// <c>productVariantsBulkUpdate</c>; REST's rules for each variant field, <paramref name="inputs"/>'
    /// REST bodies telling an explicit null from an absent field); the other variants stay as they
    /// are. <see cref="DemoStoreNotFoundException"/> when a variant is not the product's;
    /// <see cref="DemoStoreValidationException"/> when the result breaks a product rule. Nothing is
    /// saved on either. Raises one <c>products/update</c>.
    /// </summary>
    public JsonObject UpdateVariants(long productId, IReadOnlyList<(long VariantId, ShopifyVariant Input, JsonObject? Raw)> inputs)
    {
        JsonObject productJson;
        lock (_gate)
        {
            var product = FindProduct(productId);
            var now = Now();
            var draft = Clone(product);
            foreach (var (variantId, input, raw) in inputs)
            {
                var variant = draft.Variants!.FirstOrDefault(v => v.Id == variantId) ?? throw new DemoStoreNotFoundException();
                ApplyVariantFields(variant, input, raw);
                variant.UpdatedAt = now;
            }
            RebuildOptionValues(draft);
            Validate(draft);
            draft.UpdatedAt = now;
            using var db = new DemoStoreDbContext(_db);
            _products[productId] = draft;
            RefreshQuantities(draft);
            UpsertProductRow(db, draft);
            db.SaveChanges();
            productJson = ToJson(draft);
        }
        Raise("products/update", productJson);
        return productJson;
    }

    /// <summary>Deletes one variant and its inventory item; a product keeps at least one variant (422 otherwise).</summary>
    public void DeleteVariant(long productId, long variantId) => DeleteVariants(productId, [variantId]);

    /// <summary>
    /// Deletes variants of one product and their inventory items in one change (GraphQL
    /// <c>productVariantsBulkDelete</c>): <see cref="DemoStoreNotFoundException"/> when one is not
    /// the product's, <see cref="DemoStoreValidationException"/> when none would remain. Raises one
    /// <c>products/update</c> and returns the product as REST shows it.
    /// </summary>
    public JsonObject DeleteVariants(long productId, IReadOnlyCollection<long> variantIds)
    {
        JsonObject productJson;
        lock (_gate)
        {
            var product = FindProduct(productId);
            var doomed = variantIds.Distinct().Select(id => product.Variants!.FirstOrDefault(v => v.Id == id) ?? throw new DemoStoreNotFoundException()).ToList();
            if (doomed.Count >= product.Variants!.Count)
            {
                throw DemoStoreValidationException.For("base", "The last variant of a product can't be deleted");
            }
            var draft = Clone(product);
            var gone = doomed.Select(v => v.Id).ToHashSet();
            draft.Variants!.RemoveAll(v => gone.Contains(v.Id));
            RebuildOptionValues(draft);
            draft.UpdatedAt = Now();
            using var db = new DemoStoreDbContext(_db);
            foreach (var variant in doomed)
            {
                RemoveInventoryItem(db, variant.InventoryItemId!.Value);
            }
            _products[productId] = draft;
            RefreshQuantities(draft);
            UpsertProductRow(db, draft);
            db.SaveChanges();
            productJson = ToJson(draft);
        }
        Raise("products/update", productJson);
        return productJson;
    }
}
