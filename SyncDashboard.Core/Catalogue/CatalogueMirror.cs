using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SyncDashboard.Core.Persistence;
using SyncDashboard.Core.Stores;

namespace SyncDashboard.Core.Catalogue;

/// <summary>
/// Writes store products into the local mirror (from a full read, a sweep or a webhook) and keeps
/// what the dashboard derives from them (SKU problems, search text) up to date.
/// </summary>
public sealed class CatalogueMirror(IDbContextFactory<SyncDbContext> dbFactory, TimeProvider time)
{
    /// <summary>
    /// Inserts or replaces the products (and their variants) of one store; returns what changed
    /// (so that live inventory can follow a change a sweep found).
    /// </summary>
    public async Task<MirrorChanges> UpsertAsync(int storeId, IReadOnlyCollection<StoreProduct> products, CancellationToken cancellationToken = default)
    {
        // A webhook and a sweep (or a sync) can mirror the same new product at the same moment:
        // the loser of that race reads again and updates instead.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await TryUpsertAsync(storeId, products, cancellationToken);
            }
            catch (DbUpdateException) when (attempt < 3)
            {
            }
        }
    }

    private async Task<MirrorChanges> TryUpsertAsync(int storeId, IReadOnlyCollection<StoreProduct> products, CancellationToken cancellationToken)
    {
        var changes = new MirrorChanges();
        if (products.Count == 0)
        {
            return changes;
        }
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var ids = products.Select(p => p.Id).ToList();
        var existing = await db.Products
            .Include(p => p.Variants)
            .Where(p => p.StoreId == storeId && ids.Contains(p.ExternalId))
            .ToDictionaryAsync(p => p.ExternalId, cancellationToken);
        var now = time.GetUtcNow();
        foreach (var product in products)
        {
            if (!existing.TryGetValue(product.Id, out var mirrored))
            {
                mirrored = new MirroredProduct { StoreId = storeId, ExternalId = product.Id, Title = product.Title };
                db.Products.Add(mirrored);
                changes.NewProducts.Add(product.Id);
            }
            else if (mirrored.StoreUpdatedAt != product.UpdatedAt || mirrored.Title != product.Title)
            {
                changes.UpdatedProducts.Add(product.Id);
            }
            var before = mirrored.Variants.Where(v => v.InventoryItemId is not null).ToDictionary(v => v.InventoryItemId!.Value, v => v.Quantity);
            Copy(product, mirrored, now);
            foreach (var variant in mirrored.Variants.Where(v => v.InventoryItemId is not null))
            {
                if (before.TryGetValue(variant.InventoryItemId!.Value, out var old) && old != variant.Quantity)
                {
                    changes.QuantityChanges.Add(new QuantityChange(variant.InventoryItemId.Value, old, variant.Quantity));
                }
            }
        }
        await db.SaveChangesAsync(cancellationToken);
        return changes;
    }

    /// <summary>Sets every product's sync state of one store from the links (after a read that may have added products).</summary>
    public async Task ApplyLinkStatesAsync(int storeId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await db.Database.ExecuteSqlAsync($"""
            UPDATE products SET SyncState = COALESCE(
                (SELECT l.Kind FROM product_links l WHERE l.SourceStoreId = products.StoreId AND l.SourceProductId = products.ExternalId),
                (SELECT l.Kind FROM product_links l WHERE l.DestinationStoreId = products.StoreId AND l.DestinationProductId = products.ExternalId),
                'NotSynced')
            WHERE StoreId = {storeId}
            """, cancellationToken);
    }

    /// <summary>Removes a product that the store deleted; returns whether it was mirrored.</summary>
    public async Task<bool> RemoveAsync(int storeId, long productId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Products.Where(p => p.StoreId == storeId && p.ExternalId == productId).ExecuteDeleteAsync(cancellationToken) > 0;
    }

    /// <summary>Removes the store's products that are not in <paramref name="keep"/> (after a full read).</summary>
    public async Task<int> RemoveAllExceptAsync(int storeId, IReadOnlySet<long> keep, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var mirrored = await db.Products.Where(p => p.StoreId == storeId).Select(p => p.ExternalId).ToListAsync(cancellationToken);
        var gone = mirrored.Where(id => !keep.Contains(id)).ToList();
        foreach (var chunk in gone.Chunk(500))
        {
            await db.Products.Where(p => p.StoreId == storeId && chunk.Contains(p.ExternalId)).ExecuteDeleteAsync(cancellationToken);
        }
        return gone.Count;
    }

    /// <summary>
    /// Records a new quantity for the variant that holds <paramref name="inventoryItemId"/>; returns
    /// the variant, or null when no mirrored variant holds that item.
    /// </summary>
    public async Task<MirroredVariant?> SetQuantityAsync(int storeId, long inventoryItemId, int available, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var variant = await db.Variants.FirstOrDefaultAsync(v => v.StoreId == storeId && v.InventoryItemId == inventoryItemId, cancellationToken);
        if (variant is null)
        {
            return null;
        }
        variant.Quantity = available;
        await db.SaveChangesAsync(cancellationToken);
        var total = await db.Variants.Where(v => v.ProductId == variant.ProductId).SumAsync(v => v.Quantity, cancellationToken);
        await db.Products.Where(p => p.Id == variant.ProductId)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.TotalInventory, total), cancellationToken);
        return variant;
    }

    private static void Copy(StoreProduct product, MirroredProduct mirrored, DateTimeOffset now)
    {
        mirrored.Title = product.Title;
        mirrored.Handle = product.Handle;
        mirrored.Vendor = product.Vendor;
        mirrored.ProductType = product.ProductType;
        mirrored.Tags = string.Join(", ", product.Tags);
        mirrored.Status = product.Status;
        mirrored.DescriptionHtml = product.DescriptionHtml;
        mirrored.ThumbnailUrl = product.Images.OrderBy(i => i.Position).FirstOrDefault()?.Src;
        mirrored.ImagesJson = JsonSerializer.Serialize(product.Images.OrderBy(i => i.Position).Select(i => new MirroredImage(i.Src, i.Alt)));
        mirrored.OptionsJson = JsonSerializer.Serialize(product.Options);
        mirrored.StoreUpdatedAt = product.UpdatedAt;
        mirrored.MirroredAt = now;

        var byId = mirrored.Variants.ToDictionary(v => v.ExternalId);
        var variants = new List<MirroredVariant>();
        foreach (var variant in product.Variants)
        {
            if (!byId.Remove(variant.Id, out var target))
            {
                target = new MirroredVariant { ExternalId = variant.Id, StoreId = mirrored.StoreId };
            }
            target.Title = variant.Title;
            target.Sku = variant.Sku;
            target.NormalizedSku = NormalizeSku(variant.Sku);
            target.Barcode = variant.Barcode;
            target.Price = variant.Price;
            target.CompareAtPrice = variant.CompareAtPrice;
            target.Option1 = variant.OptionValues.ElementAtOrDefault(0);
            target.Option2 = variant.OptionValues.ElementAtOrDefault(1);
            target.Option3 = variant.OptionValues.ElementAtOrDefault(2);
            target.Grams = variant.Grams;
            target.Weight = variant.Weight;
            target.WeightUnit = variant.WeightUnit;
            target.InventoryItemId = variant.InventoryItemId;
            target.Quantity = variant.InventoryQuantity ?? 0;
            target.Position = variant.Position ?? variants.Count + 1;
            variants.Add(target);
        }
        mirrored.Variants.RemoveAll(v => byId.ContainsKey(v.ExternalId));
        foreach (var variant in variants.Where(v => !mirrored.Variants.Contains(v)))
        {
            mirrored.Variants.Add(variant);
        }
        mirrored.VariantCount = variants.Count;
        mirrored.TotalInventory = variants.Sum(v => v.Quantity);
        mirrored.SkuText = string.Join(' ', variants.Select(v => v.NormalizedSku).Where(s => s is not null)).ToLowerInvariant();
        mirrored.SearchText = string.Join(' ', new[] { mirrored.Title, mirrored.Vendor, mirrored.Tags, mirrored.ProductType }
            .Where(s => !string.IsNullOrEmpty(s))).ToLowerInvariant();
    }

    /// <summary>SKUs are compared trimmed and case-insensitively; an empty SKU is a missing SKU.</summary>
    public static string? NormalizeSku(string? sku) =>
        string.IsNullOrWhiteSpace(sku) ? null : sku.Trim().ToUpperInvariant();
}

/// <summary>What an upsert changed in the mirror.</summary>
public sealed class MirrorChanges
{
    public List<long> NewProducts { get; } = [];
    public List<long> UpdatedProducts { get; } = [];
    public List<QuantityChange> QuantityChanges { get; } = [];
}

/// <summary>An inventory item whose quantity the store reported differently from the mirror.</summary>
public sealed record QuantityChange(long InventoryItemId, int OldQuantity, int NewQuantity);

/// <summary>An image address as the mirror keeps it.</summary>
public sealed record MirroredImage(string Src, string? Alt);
