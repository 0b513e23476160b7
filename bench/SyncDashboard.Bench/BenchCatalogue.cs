using SyncDashboard.Core.Catalogue;
using SyncDashboard.Core.Shopify;
using SyncDashboard.Core.Shopify.Models;

/// <summary>Generated catalogues loaded into a mirror through the engine's own upsert, as a store's first read would.</summary>
internal static class BenchCatalogue
{
    /// <summary>Mirrors <paramref name="products"/> into store <paramref name="storeId"/> in chunks of 1,000, with product, variant and inventory item ids counted up from <paramref name="idBase"/>.</summary>
    public static async Task LoadAsync(CatalogueMirror mirror, int storeId, IReadOnlyList<ShopifyProduct> products, long idBase)
    {
        var id = idBase;
        foreach (var chunk in products.Chunk(1_000))
        {
            var batch = chunk.Select(p =>
            {
                var product = ShopifyProductMapper.ToStoreProduct(WithIds(p, ref id));
                return product;
            }).ToList();
            await mirror.UpsertAsync(storeId, batch);
        }
    }

    private static ShopifyProduct WithIds(ShopifyProduct product, ref long id)
    {
        var copy = new ShopifyProduct
        {
            Id = ++id,
            Title = product.Title,
            Handle = product.Handle,
            Vendor = product.Vendor,
            ProductType = product.ProductType,
            Tags = product.Tags,
            Status = product.Status,
            BodyHtml = product.BodyHtml,
            Options = product.Options,
            Images = [.. product.Images!.Select(i => new ShopifyImage { Id = 1, Src = i.Src, Position = i.Position, Alt = i.Alt })],
            Variants = [],
        };
        foreach (var variant in product.Variants!)
        {
            copy.Variants.Add(new ShopifyVariant
            {
                Id = ++id,
                InventoryItemId = ++id,
                Sku = variant.Sku,
                Price = variant.Price,
                Option1 = variant.Option1,
                Option2 = variant.Option2,
                Option3 = variant.Option3,
                InventoryQuantity = variant.InventoryQuantity,
                Position = copy.Variants.Count + 1,
            });
        }
        return copy;
    }
}
