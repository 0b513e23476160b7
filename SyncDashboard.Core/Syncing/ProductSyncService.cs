using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using SyncDashboard.Core.Activity;
using SyncDashboard.Core.Catalogue;
using SyncDashboard.Core.Connections;
using SyncDashboard.Core.Linking;
using SyncDashboard.Core.Persistence;
using SyncDashboard.Core.Stores;

namespace SyncDashboard.Core.Syncing;

/// <summary>What became of one product in a sync or unsync.</summary>
public sealed record ProductOperationResult(long ProductId, string Title, bool Succeeded, string Message, long? DestinationProductId = null);

/// <summary>How an unsync treats the Destination copy.</summary>
public enum UnsyncMode
{
    /// <summary>Remove the link; keep the Destination product.</summary>
    Keep,

    /// <summary>Remove the link and delete the Destination product.</summary>
    Delete,
}

/// <summary>
/// Sync creates a NEW Destination product from a Source product and links the two; Unsync removes
/// the link, keeping or deleting the Destination copy. Sync is idempotent: an attempt row is saved
/// before the create, the created product carries a marker tag, and a retry looks for that product
/// before creating, so a retry, a double click or a crash never leaves two copies.
/// </summary>
public sealed class ProductSyncService(
    IDbContextFactory<SyncDbContext> dbFactory,
    StoreConnectionService connections,
    CatalogueMirror mirror,
    ActivityLog activity,
    TimeProvider time,
    ILogger<ProductSyncService> logger)
{
    /// <summary>The most products one bulk unsync may take.</summary>
    public const int MaxUnsyncBatch = 25;

    /// <summary>The tag that names a Destination product's Source product.</summary>
    public static string MarkerTag(int sourceStoreId, long sourceProductId) => $"syncdashboard-source-{sourceStoreId}-{sourceProductId}";

    public async Task<ProductOperationResult> SyncAsync(long mirroredProductId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var product = await db.Products.Include(p => p.Variants).AsNoTracking()
            .FirstOrDefaultAsync(p => p.Id == mirroredProductId, cancellationToken);
        if (product is null)
        {
            return new ProductOperationResult(mirroredProductId, "", false, "The product is no longer in the Source catalogue.");
        }
        var source = await db.StoreConnections.AsNoTracking().FirstAsync(c => c.Id == product.StoreId, cancellationToken);
        var destination = await connections.FindDestinationAsync(cancellationToken);
        if (destination is null)
        {
            return Refuse(product, "No Destination store is connected.");
        }
        if (source.Role != StoreRole.Source)
        {
            return Refuse(product, "Only Source products can be synced.");
        }
        if (await db.ProductLinks.AnyAsync(l => l.SourceStoreId == source.Id && l.SourceProductId == product.ExternalId, cancellationToken))
        {
            return new ProductOperationResult(product.Id, product.Title, true, "Already linked to a Destination product.");
        }
        if (product.Problem is SkuProblem.MissingSku or SkuProblem.DuplicateSku or SkuProblem.SharedWithOtherProduct)
        {
            var refused = Refuse(product, $"Not synced: {product.ProblemReason ?? "the product has SKU problems."}");
            await activity.RecordAsync(ActivityKind.Sync, ActivitySeverity.Warning, refused.Message, source.Id, source.Name,
                product.ExternalId, product.Title, product.Variants.FirstOrDefault(v => v.Problem != SkuProblem.None)?.Sku, cancellationToken);
            return refused;
        }

        var marker = MarkerTag(source.Id, product.ExternalId);
        var attempt = await db.SyncAttempts.FirstOrDefaultAsync(a => a.SourceStoreId == source.Id && a.SourceProductId == product.ExternalId, cancellationToken);
        var client = connections.ClientFor(destination);
        try
        {
            StoreProduct? created = null;
            if (attempt is not null)
            {
                created = await FindCreatedAsync(client, marker, attempt.StartedAt, cancellationToken);
            }
            else
            {
                attempt = new SyncAttempt
                {
                    SourceStoreId = source.Id,
                    SourceProductId = product.ExternalId,
                    DestinationStoreId = destination.Id,
                    MarkerTag = marker,
                    StartedAt = time.GetUtcNow(),
                };
                db.SyncAttempts.Add(attempt);
                await db.SaveChangesAsync(cancellationToken);
            }
            created ??= await client.CreateProductAsync(Draft(product, marker), cancellationToken);

            var locationId = destination.LocationId ?? (await client.ListLocationsAsync(cancellationToken)).First(l => l.Active).Id;
            var sourceVariants = product.Variants.OrderBy(v => v.Position).ToList();
            var links = new List<VariantLink>();
            for (var i = 0; i < sourceVariants.Count && i < created.Variants.Count; i++)
            {
                var from = sourceVariants[i];
                var to = created.Variants[i];
                await client.SetInventoryLevelAsync(to.InventoryItemId!.Value, locationId, from.Quantity, cancellationToken);
                links.Add(new VariantLink
                {
                    SourceVariantId = from.ExternalId,
                    SourceInventoryItemId = from.InventoryItemId ?? 0,
                    DestinationVariantId = to.Id,
                    DestinationInventoryItemId = to.InventoryItemId!.Value,
                    Sku = from.Sku,
                });
            }

            var now = time.GetUtcNow();
            db.ProductLinks.Add(new ProductLink
            {
                SourceStoreId = source.Id,
                SourceProductId = product.ExternalId,
                DestinationStoreId = destination.Id,
                DestinationProductId = created.Id,
                Kind = LinkKind.Synced,
                CreatedAt = now,
                LastSyncedAt = now,
                Variants = links,
            });
            db.SyncAttempts.Remove(attempt);
            await db.SaveChangesAsync(cancellationToken);
            await db.Products.Where(p => p.Id == product.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(p => p.SyncState, SyncState.Synced), cancellationToken);
            var refreshed = await client.GetProductAsync(created.Id, cancellationToken) ?? created;
            await mirror.UpsertAsync(destination.Id, [refreshed], cancellationToken);
            await MarkDestinationAsync(destination.Id, created.Id, SyncState.Synced, cancellationToken);

            var message = $"Synced \"{product.Title}\" to {destination.Name} with {links.Count} variant{(links.Count == 1 ? "" : "s")}.";
            await activity.RecordAsync(ActivityKind.Sync, ActivitySeverity.Success, message, source.Id, source.Name,
                product.ExternalId, product.Title, sourceVariants.FirstOrDefault()?.Sku, cancellationToken);
            return new ProductOperationResult(product.Id, product.Title, true, message, created.Id);
        }
        catch (Exception e) when (e is StoreApiException or HttpRequestException or TimeoutException)
        {
            logger.LogWarning(e, "Sync of product {ProductId} failed", product.ExternalId);
            var message = $"Sync of \"{product.Title}\" failed: {e.Message} It can be retried safely.";
            await activity.RecordAsync(ActivityKind.Failure, ActivitySeverity.Error, message, source.Id, source.Name,
                product.ExternalId, product.Title, null, CancellationToken.None);
            return new ProductOperationResult(product.Id, product.Title, false, message);
        }
    }

    /// <summary>Removes the links of the given Source products (at most <see cref="MaxUnsyncBatch"/>).</summary>
    public async Task<IReadOnlyList<ProductOperationResult>> UnsyncAsync(IReadOnlyCollection<long> mirroredProductIds, UnsyncMode mode,
        CancellationToken cancellationToken = default)
    {
        if (mirroredProductIds.Count > MaxUnsyncBatch)
        {
            throw new ArgumentException(
                $"At most {MaxUnsyncBatch} products can be unsynced at once; {mirroredProductIds.Count} were selected. Nothing was changed.",
                nameof(mirroredProductIds));
        }
        var results = new List<ProductOperationResult>();
        foreach (var id in mirroredProductIds)
        {
            results.Add(await UnsyncOneAsync(id, mode, cancellationToken));
        }
        return results;
    }

    public async Task<ProductOperationResult> UnsyncOneAsync(long mirroredProductId, UnsyncMode mode, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var product = await db.Products.AsNoTracking().FirstOrDefaultAsync(p => p.Id == mirroredProductId, cancellationToken);
        if (product is null)
        {
            return new ProductOperationResult(mirroredProductId, "", false, "The product is no longer in the Source catalogue.");
        }
        var link = await db.ProductLinks.FirstOrDefaultAsync(l => l.SourceStoreId == product.StoreId && l.SourceProductId == product.ExternalId, cancellationToken);
        if (link is null)
        {
            return new ProductOperationResult(product.Id, product.Title, true, "Not linked: nothing to unsync.");
        }
        var source = await db.StoreConnections.AsNoTracking().FirstAsync(c => c.Id == product.StoreId, cancellationToken);
        var destination = await db.StoreConnections.AsNoTracking().FirstAsync(c => c.Id == link.DestinationStoreId, cancellationToken);
        try
        {
            if (mode == UnsyncMode.Delete)
            {
                await connections.ClientFor(destination).DeleteProductAsync(link.DestinationProductId, cancellationToken);
                await mirror.RemoveAsync(destination.Id, link.DestinationProductId, cancellationToken);
            }
            else
            {
                await MarkDestinationAsync(destination.Id, link.DestinationProductId, SyncState.NotSynced, cancellationToken);
            }
            db.ProductLinks.Remove(link);
            await db.SaveChangesAsync(cancellationToken);
            await db.Products.Where(p => p.Id == product.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(p => p.SyncState, SyncState.NotSynced), cancellationToken);
            var message = mode == UnsyncMode.Delete
                ? $"Unsynced \"{product.Title}\" and deleted its copy in {destination.Name}."
                : $"Unsynced \"{product.Title}\"; its copy in {destination.Name} was kept.";
            await activity.RecordAsync(link.Kind == LinkKind.Mapped ? ActivityKind.Unmap : ActivityKind.Unsync, ActivitySeverity.Success,
                message, source.Id, source.Name, product.ExternalId, product.Title, null, cancellationToken);
            return new ProductOperationResult(product.Id, product.Title, true, message, link.DestinationProductId);
        }
        catch (Exception e) when (e is StoreApiException or HttpRequestException or TimeoutException)
        {
            var message = $"Unsync of \"{product.Title}\" failed: {e.Message} The link was kept.";
            await activity.RecordAsync(ActivityKind.Failure, ActivitySeverity.Error, message, source.Id, source.Name,
                product.ExternalId, product.Title, null, CancellationToken.None);
            return new ProductOperationResult(product.Id, product.Title, false, message);
        }
    }

    private async Task MarkDestinationAsync(int destinationStoreId, long destinationProductId, SyncState state, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await db.Products.Where(p => p.StoreId == destinationStoreId && p.ExternalId == destinationProductId)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.SyncState, state), cancellationToken);
    }

    /// <summary>A product created by an earlier attempt: it carries the marker and was updated since the attempt began.</summary>
    private static async Task<StoreProduct?> FindCreatedAsync(IStoreClient client, string marker, DateTimeOffset startedAt, CancellationToken cancellationToken)
    {
        await foreach (var candidate in client.ListProductsAsync(new ProductFilter { UpdatedAtMin = startedAt.AddMinutes(-5) }, cancellationToken))
        {
            if (candidate.Tags.Contains(marker, StringComparer.OrdinalIgnoreCase))
            {
                return candidate;
            }
        }
        return null;
    }

    private static StoreProductDraft Draft(MirroredProduct product, string marker)
    {
        var options = JsonSerializer.Deserialize<List<StoreProductOption>>(product.OptionsJson) ?? [];
        var images = JsonSerializer.Deserialize<List<MirroredImage>>(product.ImagesJson) ?? [];
        var tags = product.Tags.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Append(marker).ToList();
        return new StoreProductDraft
        {
            Title = product.Title,
            DescriptionHtml = product.DescriptionHtml,
            Vendor = product.Vendor,
            ProductType = product.ProductType,
            Handle = product.Handle,
            Tags = tags,
            Status = product.Status,
            Options = options,
            ImageSources = [.. images.Select(i => i.Src)],
            Variants = [.. product.Variants.OrderBy(v => v.Position).Select(v => new StoreVariantDraft
            {
                Sku = v.Sku,
                Barcode = v.Barcode,
                Price = v.Price,
                CompareAtPrice = v.CompareAtPrice,
                OptionValues = new[] { v.Option1, v.Option2, v.Option3 }.Where(o => o is not null).Select(o => o!).ToList(),
                Grams = v.Grams,
                Weight = v.Weight,
                WeightUnit = v.WeightUnit,
            })],
        };
    }

    private static ProductOperationResult Refuse(MirroredProduct product, string reason) =>
        new(product.Id, product.Title, false, reason);
}
