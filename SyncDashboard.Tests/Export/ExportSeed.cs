using SyncDashboard.Core.Catalogue;
using SyncDashboard.Core.Connections;
using SyncDashboard.Core.Persistence;

namespace SyncDashboard.Tests.Export;

/// <summary>Rows the export tests put straight into a dashboard database: stores and mirrored products with their variants.</summary>
internal static class ExportSeed
{
    /// <summary>A store connection of that name and role (credentials are placeholders: nothing calls the store).</summary>
    public static StoreConnection Store(SyncDbContext db, string name, StoreRole role = StoreRole.Source)
    {
        var store = new StoreConnection
        {
            Name = name,
            Role = role,
            BaseUrl = $"http://127.0.0.1:1/{Guid.NewGuid():N}",
            ProtectedAccessToken = "-",
            ProtectedWebhookSecret = "-",
        };
        db.StoreConnections.Add(store);
        db.SaveChanges();
        return store;
    }

    /// <summary>
    /// A mirrored product of <paramref name="storeId"/> with one variant per entry of <paramref name="variants"/> (its SKU, null
    /// for none, and quantity), in that order; its variant count, inventory and search texts derived as the mirror derives them.
    /// </summary>
    public static MirroredProduct Product(SyncDbContext db, int storeId, long externalId, string title, IReadOnlyList<(string? Sku, int Quantity)> variants,
        Action<MirroredProduct>? change = null)
    {
        var product = new MirroredProduct
        {
            StoreId = storeId,
            ExternalId = externalId,
            Title = title,
            VariantCount = variants.Count,
            TotalInventory = variants.Sum(v => v.Quantity),
            SkuText = string.Join(' ', variants.Select(v => v.Sku).OfType<string>()).ToLowerInvariant(),
            SearchText = title.ToLowerInvariant(),
            MirroredAt = DateTimeOffset.UtcNow,
            Variants = [.. variants.Select((v, i) => new MirroredVariant
            {
                StoreId = storeId,
                ExternalId = externalId * 100 + i,
                Sku = v.Sku,
                NormalizedSku = v.Sku?.Trim().ToUpperInvariant(),
                Quantity = v.Quantity,
                Position = i + 1,
            })],
        };
        change?.Invoke(product);
        db.Products.Add(product);
        db.SaveChanges();
        return product;
    }
}
