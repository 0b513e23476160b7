using Microsoft.EntityFrameworkCore;
using SyncDashboard.Core.Activity;
using SyncDashboard.Core.Catalogue;
using SyncDashboard.Core.Connections;
using SyncDashboard.Core.Linking;
using SyncDashboard.Core.Persistence;
using SyncDashboard.Core.Stores;

namespace SyncDashboard.Core.Syncing;

/// <summary>
/// What follows a change in a Source store: the product fields the Source's settings choose
/// (title, description, tags, images, prices) flow to the linked Destination product; stock
/// changes go to <see cref="LiveInventory"/>; a deleted Source product gets the Source's delete
/// policy (keep with stock 0, or delete the Destination copy).
/// </summary>
public sealed class SourceChanges(
    IDbContextFactory<SyncDbContext> dbFactory,
    StoreConnectionService connections,
    CatalogueMirror mirror,
    LiveInventory inventory,
    ActivityLog activity)
{
    /// <summary>After a Source read or sweep: push what changed for linked products.</summary>
    public async Task OnRefreshedAsync(StoreConnection store, MirrorChanges changes, CancellationToken cancellationToken)
    {
        if (store.Role != StoreRole.Source)
        {
            return;
        }
        foreach (var change in changes.QuantityChanges)
        {
            inventory.Enqueue(store.Id, change.InventoryItemId, change.NewQuantity);
        }
        foreach (var productId in changes.UpdatedProducts)
        {
            await PushFieldsAsync(store.Id, productId, cancellationToken);
        }
    }

    /// <summary>Pushes the enabled fields of a linked Source product to its Destination product.</summary>
    public async Task PushFieldsAsync(int sourceStoreId, long sourceProductId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var link = await db.ProductLinks.AsNoTracking().Include(l => l.Variants)
            .FirstOrDefaultAsync(l => l.SourceStoreId == sourceStoreId && l.SourceProductId == sourceProductId, cancellationToken);
        if (link is null)
        {
            return;
        }
        var source = await db.StoreConnections.AsNoTracking().FirstAsync(c => c.Id == sourceStoreId, cancellationToken);
        var fields = source.FieldSync;
        if (fields == ProductFieldSync.None)
        {
            return;
        }
        var product = await db.Products.AsNoTracking().Include(p => p.Variants)
            .FirstOrDefaultAsync(p => p.StoreId == sourceStoreId && p.ExternalId == sourceProductId, cancellationToken);
        var copy = await db.Products.AsNoTracking().Include(p => p.Variants)
            .FirstOrDefaultAsync(p => p.StoreId == link.DestinationStoreId && p.ExternalId == link.DestinationProductId, cancellationToken);
        if (product is null)
        {
            return;
        }
        var sourceVariants = product.Variants.ToDictionary(v => v.ExternalId);
        var copyVariants = copy?.Variants.ToDictionary(v => v.ExternalId) ?? [];
        var sourceTags = product.Tags.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var markers = (copy?.Tags ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Where(t => t.StartsWith("syncdashboard-source-", StringComparison.Ordinal));
        var images = System.Text.Json.JsonSerializer.Deserialize<List<MirroredImage>>(product.ImagesJson) ?? [];
        var copyImages = copy is null ? [] : System.Text.Json.JsonSerializer.Deserialize<List<MirroredImage>>(copy.ImagesJson) ?? [];
        var prices = link.Variants
            .Where(v => sourceVariants.ContainsKey(v.SourceVariantId))
            .Select(v => new StoreVariantPriceUpdate(v.DestinationVariantId, sourceVariants[v.SourceVariantId].Price, sourceVariants[v.SourceVariantId].CompareAtPrice))
            .Where(p => !copyVariants.TryGetValue(p.VariantId, out var current) || current.Price != p.Price || current.CompareAtPrice != p.CompareAtPrice)
            .ToList();
        var tags = sourceTags.Concat(markers).ToList();
        var update = new StoreProductUpdate
        {
            Title = fields.HasFlag(ProductFieldSync.Title) && copy?.Title != product.Title ? product.Title : null,
            DescriptionHtml = fields.HasFlag(ProductFieldSync.Description) && copy?.DescriptionHtml != product.DescriptionHtml ? product.DescriptionHtml ?? "" : null,
            Tags = fields.HasFlag(ProductFieldSync.Tags) && !SameSet(tags, copy?.Tags) ? tags : null,
            ImageSources = fields.HasFlag(ProductFieldSync.Images) && !images.Select(i => i.Src).SequenceEqual(copyImages.Select(i => i.Src)) ? [.. images.Select(i => i.Src)] : null,
            VariantPrices = fields.HasFlag(ProductFieldSync.Prices) && prices.Count > 0 ? prices : null,
        };
        if (update is { Title: null, DescriptionHtml: null, Tags: null, ImageSources: null, VariantPrices: null })
        {
            return;
        }
        var destination = await db.StoreConnections.AsNoTracking().FirstAsync(c => c.Id == link.DestinationStoreId, cancellationToken);
        var client = connections.ClientFor(destination);
        var updated = await client.UpdateProductAsync(link.DestinationProductId, update, cancellationToken);
        await mirror.UpsertAsync(destination.Id, [updated], cancellationToken);
        await db.ProductLinks.Where(l => l.Id == link.Id).ExecuteUpdateAsync(s => s.SetProperty(l => l.LastSyncedAt, DateTimeOffset.UtcNow), cancellationToken);
        var what = new[] { ("title", update.Title is not null), ("description", update.DescriptionHtml is not null), ("tags", update.Tags is not null),
            ("images", update.ImageSources is not null), ("prices", update.VariantPrices is not null) }.Where(f => f.Item2).Select(f => f.Item1);
        await activity.RecordAsync(ActivityKind.ProductUpdate, ActivitySeverity.Success,
            $"Updated {string.Join(", ", what)} of \"{product.Title}\" in {destination.Name}.", sourceStoreId, source.Name, product.ExternalId, product.Title,
            cancellationToken: cancellationToken);
    }

    /// <summary>A Source product was deleted: apply the Source's delete policy to its Destination product and remove the link.</summary>
    public async Task OnSourceDeletedAsync(int sourceStoreId, long sourceProductId, string? title, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var link = await db.ProductLinks.Include(l => l.Variants)
            .FirstOrDefaultAsync(l => l.SourceStoreId == sourceStoreId && l.SourceProductId == sourceProductId, cancellationToken);
        if (link is null)
        {
            return;
        }
        var source = await db.StoreConnections.AsNoTracking().FirstAsync(c => c.Id == sourceStoreId, cancellationToken);
        var destination = await db.StoreConnections.AsNoTracking().FirstAsync(c => c.Id == link.DestinationStoreId, cancellationToken);
        var client = connections.ClientFor(destination);
        string message;
        if (source.DeletePolicy == SourceDeletePolicy.Delete)
        {
            await client.DeleteProductAsync(link.DestinationProductId, cancellationToken);
            await mirror.RemoveAsync(destination.Id, link.DestinationProductId, cancellationToken);
            message = $"\"{title}\" was deleted in {source.Name}; its copy in {destination.Name} was deleted too.";
        }
        else
        {
            var locationId = destination.LocationId ?? (await client.ListLocationsAsync(cancellationToken)).First(l => l.Active).Id;
            foreach (var variant in link.Variants)
            {
                await client.SetInventoryLevelAsync(variant.DestinationInventoryItemId, locationId, 0, cancellationToken);
            }
            await db.Products.Where(p => p.StoreId == destination.Id && p.ExternalId == link.DestinationProductId)
                .ExecuteUpdateAsync(s => s.SetProperty(p => p.SyncState, SyncState.NotSynced), cancellationToken);
            message = $"\"{title}\" was deleted in {source.Name}; its copy in {destination.Name} was kept with stock 0.";
        }
        db.ProductLinks.Remove(link);
        await db.SaveChangesAsync(cancellationToken);
        await activity.RecordAsync(ActivityKind.ProductDeleted, ActivitySeverity.Warning, message, sourceStoreId, source.Name, sourceProductId, title,
            cancellationToken: cancellationToken);
    }

    private static bool SameSet(IEnumerable<string> tags, string? current) =>
        tags.ToHashSet(StringComparer.OrdinalIgnoreCase).SetEquals(
            (current ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));
}
