using System.Text.Json.Nodes;

namespace SyncDashboard.DemoStores;

// The REST API and products of more than 100 variants. Since 2025-10-15 every merchant may have
// 2,048 variants per product (changelog "The product variant limit is now 2048 for all
// merchants"), but "the REST API won't return more than 100 variants for each product and won't
// write to products with more than 100 variants" (shopify.dev, "Using the latest GraphQL product
// APIs"). The GraphQL API serves them all.
internal sealed partial class DemoStoreApi
{
    /// <summary>The most variants the REST API returns or writes for one product.</summary>
    public const int RestMaxVariants = 100;

    /// <summary>A product as REST returns it: its first 100 variants only.</summary>
    private static JsonObject RestView(JsonObject product)
    {
        if (product["variants"] is JsonArray { Count: > RestMaxVariants } variants)
        {
            var kept = new JsonArray([.. variants.Take(RestMaxVariants).Select(v => v!.DeepClone())]);
            var copy = product.DeepClone().AsObject();
            copy["variants"] = kept;
            return copy;
        }
        return product;
    }

    private int VariantCount(long productId) => catalogue.GetProduct(productId)["variants"]!.AsArray().Count;

    /// <summary>422 when a product already holds more variants than REST can write.</summary>
    private void RefuseWritesToLargeProducts(long productId)
    {
        if (VariantCount(productId) > RestMaxVariants)
        {
            throw DemoStoreValidationException.For("variants",
                $"This product has more than {RestMaxVariants} variants; the REST Admin API can't write to it. Use the GraphQL Admin API.");
        }
    }

    /// <summary>422 when a REST write would give a product more than 100 variants.</summary>
    private static void RefuseOverRestVariantLimit(int count)
    {
        if (count > RestMaxVariants)
        {
            throw DemoStoreValidationException.For("variants", $"Exceeded maximum number of variants allowed ({RestMaxVariants})");
        }
    }
}
