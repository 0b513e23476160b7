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
    // One writer per store at a time: a webhook, a sweep and a sync that mirror the same new product
    // at once would otherwise race to insert it (UNIQUE constraint failed: products.StoreId, products.ExternalId).
    private readonly System.Collections.Concurrent.ConcurrentDictionary<int, SemaphoreSlim> _storeGates = new();

    /// <summary>
    /// Inserts or replaces the products (and their variants) of one store; returns what changed
    /// (so that live inventory can follow a change a sweep found).
    /// </summary>
    /// <param name="skipOlder">
    /// When true, a product whose <c>updated_at</c> is older than the mirrored one is left as it is (a
    /// late or out-of-order webhook must not bring back older data).
    /// </param>
    public async Task<MirrorChanges> UpsertAsync(int storeId, IReadOnlyCollection<StoreProduct> products, CancellationToken cancellationToken = default,
        bool skipOlder = false)
    {
        if (products.Count == 0)
        {
            return new MirrorChanges();
        }
        var gate = _storeGates.GetOrAdd(storeId, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        try
        {
            // Writes of one store are serialised above; a retry covers a busy database.
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    return await TryUpsertAsync(storeId, products, skipOlder, cancellationToken);
                }
                catch (DbUpdateException) when (attempt < 3)
                {
                }
                catch (DbUpdateException)
                {
                    if (await StoreExistsAsync(storeId, cancellationToken))
                    {
                        throw;
                    }
                    // The store was disconnected while its products were being read (a sweep that finished late): nothing to mirror.
                    return new MirrorChanges();
                }
            }
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task<bool> StoreExistsAsync(int storeId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.StoreConnections.AnyAsync(c => c.Id == storeId, cancellationToken);
    }

    private async Task<MirrorChanges> TryUpsertAsync(int storeId, IReadOnlyCollection<StoreProduct> products, bool skipOlder, CancellationToken cancellationToken)
    {
        var changes = new MirrorChanges();
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
            else if (skipOlder && product.UpdatedAt is { } updated && mirrored.StoreUpdatedAt is { } mirroredUpdate && updated < mirroredUpdate)
            {
                changes.SkippedAsOlder.Add(product.Id);
                continue;
            }
            else if (mirrored.StoreUpdatedAt != product.UpdatedAt || mirrored.Title != product.Title)
            {
                changes.UpdatedProducts.Add(product.Id);
            }
            var before = mirrored.Variants.Where(v => v.InventoryItemId is not null).ToDictionary(v => v.InventoryItemId!.Value, v => v.Quantity);
            var hashBefore = mirrored.ContentHash;
            Copy(product, mirrored, now);
            if (hashBefore != mirrored.ContentHash && !changes.NewProducts.Contains(product.Id))
            {
                changes.ContentChanged.Add(product.Id);
            }
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

    /// <summary>Removes a product that the store deleted; returns whether it was mirrored.</summary>
    public async Task<bool> RemoveAsync(int storeId, long productId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Products.Where(p => p.StoreId == storeId && p.ExternalId == productId).ExecuteDeleteAsync(cancellationToken) > 0;
    }

    /// <summary>Removes the store's products that are not in <paramref name="keep"/> (after a full read); returns their ids.</summary>
    public async Task<IReadOnlyList<long>> RemoveAllExceptAsync(int storeId, IReadOnlySet<long> keep, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var mirrored = await db.Products.Where(p => p.StoreId == storeId).Select(p => p.ExternalId).ToListAsync(cancellationToken);
        var gone = mirrored.Where(id => !keep.Contains(id)).ToList();
        foreach (var chunk in gone.Chunk(500))
        {
            await db.Products.Where(p => p.StoreId == storeId && chunk.Contains(p.ExternalId)).ExecuteDeleteAsync(cancellationToken);
        }
        return gone;
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
            target.Tracked = variant.InventoryTracked;
            target.InventoryPolicy = variant.InventoryPolicy;
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
        mirrored.ContentHash = ContentHash(product);
    }

    /// <summary>A digest of everything in the product but stock, so that a stock change alone is told from a field change.</summary>
    public static string ContentHash(StoreProduct product)
    {
        var text = new System.Text.StringBuilder();
        text.Append(product.Title).Append('\u001f').Append(product.DescriptionHtml).Append('\u001f').Append(product.Vendor).Append('\u001f')
            .Append(product.ProductType).Append('\u001f').Append(product.Status).Append('\u001f').AppendJoin(',', product.Tags.Order(StringComparer.OrdinalIgnoreCase))
            .Append('\u001f').AppendJoin(',', product.Images.OrderBy(i => i.Position).Select(i => i.Src))
            .Append('\u001f').AppendJoin(',', product.Options.Select(o => o.Name + ":" + string.Join('/', o.Values)));
        foreach (var variant in product.Variants.OrderBy(v => v.Position ?? 0).ThenBy(v => v.Id))
        {
            text.Append('\u001e').Append(variant.Id).Append('|').Append(variant.Sku).Append('|').Append(variant.Barcode).Append('|')
                .Append(variant.Price.ToString(System.Globalization.CultureInfo.InvariantCulture)).Append('|')
                .Append(variant.CompareAtPrice?.ToString(System.Globalization.CultureInfo.InvariantCulture)).Append('|')
                .Append(variant.InventoryTracked).Append('|').Append(variant.InventoryPolicy).Append('|').AppendJoin('/', variant.OptionValues)
                .Append('|').Append(variant.InventoryItemId);
        }
        return Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text.ToString())), 0, 16);
    }

    /// <summary>SKUs are compared trimmed and case-insensitively; an empty SKU is a missing SKU.</summary>
    public static string? NormalizeSku(string? sku) =>
        string.IsNullOrWhiteSpace(sku) ? null : sku.Trim().ToUpperInvariant();
}

/// <summary>What an upsert (or a read) changed in the mirror, by the store's product ids.</summary>
public sealed class MirrorChanges
{
    public List<long> NewProducts { get; } = [];

    /// <summary>Products whose <c>updated_at</c> or title changed (stock changes included).</summary>
    public List<long> UpdatedProducts { get; } = [];

    /// <summary>Products whose fields, variants, prices or tracking changed: not just their stock.</summary>
    public List<long> ContentChanged { get; } = [];

    /// <summary>Products no longer in the store (a full read did not find them).</summary>
    public List<long> RemovedProducts { get; } = [];

    /// <summary>Products left as they were because what arrived was older than the mirror.</summary>
    public List<long> SkippedAsOlder { get; } = [];

    public List<QuantityChange> QuantityChanges { get; } = [];

    public bool IsEmpty => NewProducts.Count == 0 && UpdatedProducts.Count == 0 && ContentChanged.Count == 0 && RemovedProducts.Count == 0
        && QuantityChanges.Count == 0;

    public void Add(MirrorChanges other)
    {
        NewProducts.AddRange(other.NewProducts);
        UpdatedProducts.AddRange(other.UpdatedProducts);
        ContentChanged.AddRange(other.ContentChanged);
        RemovedProducts.AddRange(other.RemovedProducts);
        SkippedAsOlder.AddRange(other.SkippedAsOlder);
        QuantityChanges.AddRange(other.QuantityChanges);
    }
}

/// <summary>An inventory item whose quantity the store reported differently from the mirror.</summary>
public sealed record QuantityChange(long InventoryItemId, int OldQuantity, int NewQuantity);

/// <summary>An image address as the mirror keeps it.</summary>
public sealed record MirroredImage(string Src, string? Alt);
