using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using SyncDashboard.Core.Activity;
using SyncDashboard.Core.Catalogue;
using SyncDashboard.Core.Connections;
using SyncDashboard.Core.Linking;
using SyncDashboard.Core.Persistence;
using SyncDashboard.Core.Reconciliation;
using SyncDashboard.Core.Stores;

namespace SyncDashboard.Core.Syncing;

/// <summary>What became of one product in a sync or unsync.</summary>
/// <param name="MapCandidateId">When a Sync was refused because a Destination product already has its SKUs: that product's mirrored id, to map instead.</param>
/// <param name="Transient">A failure on a store error that may pass (5xx, 408, 429, a timeout, a refused connection): trying again is safe and may succeed.</param>
public sealed record ProductOperationResult(long ProductId, string Title, bool Succeeded, string Message, long? DestinationProductId = null,
    long? MapCandidateId = null, bool Transient = false)
{
    /// <summary>Whether <paramref name="error"/> (caught from a store call) may pass if the same call is made again later.</summary>
    public static bool IsTransient(Exception error) =>
        error is StoreApiException { IsTransient: true } or HttpRequestException or TimeoutException;
}

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
/// the link, keeping or deleting the Destination copy. Never a duplicate: a Source product whose
/// SKUs already identify a Destination product is refused (map it instead), or, when that product
/// is its own kept copy, linked again (<see cref="DuplicateGuard"/>). Sync is idempotent: an attempt
/// row is saved before the create, the created product carries the <see cref="LinkMarker"/>
/// metafield, and a retry looks for that product before creating. Prices go through the Source's
/// <see cref="PriceRule"/>; an untracked Source variant gives an untracked copy; the stock is set
/// by the reconciliation of the new link (the one stock rule).
/// </summary>
public sealed class ProductSyncService(
    IDbContextFactory<SyncDbContext> dbFactory,
    StoreConnectionService connections,
    CatalogueMirror mirror,
    DuplicateGuard duplicates,
    LinkStore links,
    Reconciler reconciler,
    DestinationStock stock,
    ActivityLog activity,
    TimeProvider time,
    ILogger<ProductSyncService> logger)
{
    /// <summary>The most products one bulk unsync may take.</summary>
    public const int MaxUnsyncBatch = 25;

    /// <summary>
    /// Syncs one Source product (mirrored id). A store failure comes back as a failed result, recorded in
    /// the Activity Log unless it is transient and <paramref name="recordTransientFailure"/> is false (a job
    /// that will try again records it only if its last try fails too).
    /// </summary>
    public async Task<ProductOperationResult> SyncAsync(long mirroredProductId, CancellationToken cancellationToken = default, bool recordTransientFailure = true)
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
            return await RefuseAsync(product, source, $"Not synced: {product.ProblemReason ?? "the product has SKU problems."}", null, cancellationToken);
        }
        if (product.Status is { } status && status != "active" && LinkSettings.For(source, LinkKind.Synced).DeletePolicy == SourceDeletePolicy.Delete)
        {
            // The copy would be deleted again at once (the Source's setting for products that are not active).
            return await RefuseAsync(product, source, $"Not synced: \"{product.Title}\" is {status} in {source.Name}, and {source.Name}'s settings delete " +
                "the copies of products that are not active. Make it active there, or choose another setting on the Stores page.", null, cancellationToken);
        }

        var attempt = await db.SyncAttempts.FirstOrDefaultAsync(a => a.SourceStoreId == source.Id && a.SourceProductId == product.ExternalId, cancellationToken);
        var client = connections.ClientFor(destination);
        try
        {
            StoreProduct? created = null;
            var relinked = false;
            if (attempt is not null)
            {
                created = await FindCreatedAsync(client, product, source, attempt.StartedAt, cancellationToken);
            }
            if (created is null)
            {
                switch (await duplicates.CheckAsync(product, source, destination, cancellationToken))
                {
                    case SyncCheck.Refuse refuse:
                        return await RefuseAsync(product, source, $"Not synced: {refuse.Conflict.Reason}", refuse.Conflict.MapCandidateId, cancellationToken);
                    case SyncCheck.Relink relink:
                        created = relink.Copy;
                        relinked = true;
                        break;
                }
            }
            if (created is null)
            {
                if (attempt is null)
                {
                    attempt = new SyncAttempt
                    {
                        SourceStoreId = source.Id,
                        SourceProductId = product.ExternalId,
                        DestinationStoreId = destination.Id,
                        Marker = LinkMarker.Value(source.ShopDomain ?? source.Name, product.ExternalId),
                        StartedAt = time.GetUtcNow(),
                    };
                    db.SyncAttempts.Add(attempt);
                    await db.SaveChangesAsync(cancellationToken);
                }
                // With the Source's stock as the catalogue last read it, when the Source counts all its locations (its default);
                // the reconciliation right after reads both stores and repairs what moved meanwhile.
                var location = source.LocationId is null ? await stock.LocationAsync(destination, cancellationToken) : (long?)null;
                created = await client.CreateProductAsync(Draft(product, source, location), cancellationToken);
                stock.NoteOwnWrites(destination.Id, created.Variants.Where(v => v is { InventoryTracked: true, InventoryItemId: not null, InventoryQuantity: not null })
                    .Select(v => (v.InventoryItemId!.Value, v.InventoryQuantity!.Value)));
            }

            var link = await links.CreateAsync(new NewLink(source.Id, product.ExternalId, destination.Id, created.Id, LinkKind.Synced,
                Pair(product, created), relinked ? null : RepairPlan.ImagesKey(Images(product)), RequestCheck: false), cancellationToken);
            if (attempt is not null)
            {
                db.SyncAttempts.Remove(attempt);
                await db.SaveChangesAsync(cancellationToken);
            }
            await mirror.UpsertAsync(destination.Id, [created], cancellationToken);
            await links.ApplyStatesAsync(destination.Id, cancellationToken);

            // The new link's stock (and, for a kept copy, its fields) is brought in step like any other link's.
            // The store's answer to the create is the copy's state: not read again (a kept copy found again is).
            var report = await reconciler.ReconcileAsync([link.Id], new ReconcileRun
            {
                Trigger = "Sync",
                LogSummary = false,
                KnownDestinationProducts = relinked ? null : new Dictionary<long, StoreProduct> { [created.Id] = created },
            }, cancellationToken);
            var outcome = report.Outcomes.SingleOrDefault();
            var message = relinked
                ? $"Linked \"{product.Title}\" again to its kept copy in {destination.Name}; no new product was created."
                : $"Synced \"{product.Title}\" to {destination.Name} with {link.Variants.Count} variant{(link.Variants.Count == 1 ? "" : "s")}.";
            if (outcome is { Kind: LinkOutcomeKind.Failed or LinkOutcomeKind.StillFailing or LinkOutcomeKind.OutOfStep })
            {
                message += $" {outcome.Message}";
            }
            await activity.RecordAsync(ActivityKind.Sync, ActivitySeverity.Success, message, source.Id, source.Name,
                product.ExternalId, product.Title, product.Variants.OrderBy(v => v.Position).FirstOrDefault()?.Sku, cancellationToken);
            return new ProductOperationResult(product.Id, product.Title, true, message, created.Id);
        }
        catch (LinkConflictException e)
        {
            return Refuse(product, $"Not synced: {e.Message}");
        }
        catch (Exception e) when (e is StoreApiException or HttpRequestException or TimeoutException)
        {
            var transient = ProductOperationResult.IsTransient(e);
            logger.LogWarning("Sync of product {ProductId} failed ({Kind}): {Error}", product.ExternalId, transient ? "transient" : "lasting", e.Message);
            var message = $"Sync of \"{product.Title}\" failed: {e.Message} It can be retried safely.";
            if (!transient || recordTransientFailure)
            {
                await activity.RecordAsync(ActivityKind.Failure, ActivitySeverity.Error, message, source.Id, source.Name,
                    product.ExternalId, product.Title, null, CancellationToken.None);
            }
            return new ProductOperationResult(product.Id, product.Title, false, message, Transient: transient);
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

    /// <summary>Unsyncs one Source product (mirrored id); a store failure is recorded as in <see cref="SyncAsync"/> and keeps the link.</summary>
    public async Task<ProductOperationResult> UnsyncOneAsync(long mirroredProductId, UnsyncMode mode, CancellationToken cancellationToken = default,
        bool recordTransientFailure = true)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var product = await db.Products.AsNoTracking().FirstOrDefaultAsync(p => p.Id == mirroredProductId, cancellationToken);
        if (product is null)
        {
            return new ProductOperationResult(mirroredProductId, "", false, "The product is no longer in the Source catalogue.");
        }
        var link = await db.ProductLinks.AsNoTracking().FirstOrDefaultAsync(l => l.SourceStoreId == product.StoreId && l.SourceProductId == product.ExternalId, cancellationToken);
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
            await links.RemoveAsync(link.Id, cancellationToken);
            var message = mode == UnsyncMode.Delete
                ? $"Unsynced \"{product.Title}\" and deleted its copy in {destination.Name}."
                : $"Unsynced \"{product.Title}\"; its copy in {destination.Name} was kept.";
            await activity.RecordAsync(link.Kind == LinkKind.Mapped ? ActivityKind.Unmap : ActivityKind.Unsync, ActivitySeverity.Success,
                message, source.Id, source.Name, product.ExternalId, product.Title, null, cancellationToken);
            return new ProductOperationResult(product.Id, product.Title, true, message, link.DestinationProductId);
        }
        catch (Exception e) when (e is StoreApiException or HttpRequestException or TimeoutException)
        {
            var transient = ProductOperationResult.IsTransient(e);
            var message = $"Unsync of \"{product.Title}\" failed: {e.Message} The link was kept.";
            if (!transient || recordTransientFailure)
            {
                await activity.RecordAsync(ActivityKind.Failure, ActivitySeverity.Error, message, source.Id, source.Name,
                    product.ExternalId, product.Title, null, CancellationToken.None);
            }
            return new ProductOperationResult(product.Id, product.Title, false, message, Transient: transient);
        }
    }

    /// <summary>
    /// A product an earlier attempt created: among the Destination products updated since the attempt
    /// began that carry one of its SKUs, the one whose marker metafield (or legacy tag) names it.
    /// </summary>
    private static async Task<StoreProduct?> FindCreatedAsync(IStoreClient client, MirroredProduct product, StoreConnection source, DateTimeOffset startedAt,
        CancellationToken cancellationToken)
    {
        var skus = SkuMatching.Skus(product.Variants.Select(v => v.Sku)).ToHashSet(StringComparer.Ordinal);
        await foreach (var candidate in client.ListProductsAsync(new ProductFilter { UpdatedAtMin = startedAt.AddMinutes(-5) }, cancellationToken))
        {
            if (!candidate.Variants.Any(v => CatalogueMirror.NormalizeSku(v.Sku) is { } sku && skus.Contains(sku)))
            {
                continue;
            }
            if (LinkMarker.HasLegacyTag(candidate.Tags, source.Id, product.ExternalId)
                || (source.ShopDomain is { } domain
                    && LinkMarker.Names(await client.GetProductMetafieldsAsync(candidate.Id, LinkMarker.Namespace, cancellationToken), domain, product.ExternalId)))
            {
                return candidate;
            }
        }
        return null;
    }

    /// <summary>Pairs the Source variants with the copy's, by SKU (then by position for any left).</summary>
    private static List<VariantLink> Pair(MirroredProduct product, StoreProduct copy)
    {
        var free = copy.Variants.ToList();
        var pairs = new List<VariantLink>();
        foreach (var variant in product.Variants.OrderBy(v => v.Position))
        {
            var match = free.FirstOrDefault(v => variant.NormalizedSku is not null && CatalogueMirror.NormalizeSku(v.Sku) == variant.NormalizedSku)
                ?? free.FirstOrDefault(v => CatalogueMirror.NormalizeSku(v.Sku) is null);
            if (match is null)
            {
                continue; // the reconciliation adds a variant the copy lacks
            }
            free.Remove(match);
            pairs.Add(new VariantLink
            {
                SourceVariantId = variant.ExternalId,
                SourceInventoryItemId = variant.InventoryItemId ?? 0,
                DestinationVariantId = match.Id,
                DestinationInventoryItemId = match.InventoryItemId ?? 0,
                Sku = variant.Sku,
                // What the copy was created with (its stock came in the same call), so that the store's echo of it is not taken for someone else's change.
                DestinationAvailable = match.InventoryTracked ? match.InventoryQuantity : null,
            });
        }
        return pairs;
    }

    private static List<string> Images(MirroredProduct product) =>
        [.. (JsonSerializer.Deserialize<List<MirroredImage>>(product.ImagesJson) ?? []).Select(i => i.Src)];

    /// <summary>The new Destination product: the Source's fields, prices through its price rule, tracking and policy, and the marker metafield.</summary>
    private static StoreProductDraft Draft(MirroredProduct product, StoreConnection source, long? inventoryLocationId)
    {
        var options = JsonSerializer.Deserialize<List<StoreProductOption>>(product.OptionsJson) ?? [];
        var rule = source.PriceRule;
        return new StoreProductDraft
        {
            Title = product.Title,
            DescriptionHtml = product.DescriptionHtml,
            Vendor = product.Vendor,
            ProductType = product.ProductType,
            Handle = product.Handle,
            Tags = [.. product.Tags.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)],
            Status = product.Status,
            Options = options,
            ImageSources = Images(product),
            Metafields = [LinkMarker.For(source.ShopDomain ?? source.Name, product.ExternalId)],
            InventoryLocationId = inventoryLocationId,
            Variants = [.. product.Variants.OrderBy(v => v.Position).Select(v => new StoreVariantDraft
            {
                Sku = v.Sku,
                Barcode = v.Barcode,
                Price = rule.Apply(v.Price),
                CompareAtPrice = rule.ApplyCompareAt(v.CompareAtPrice),
                OptionValues = new[] { v.Option1, v.Option2, v.Option3 }.Where(o => o is not null).Select(o => o!).ToList(),
                Grams = v.Grams,
                Weight = v.Weight,
                WeightUnit = v.WeightUnit,
                InventoryTracked = v.Tracked,
                InventoryPolicy = v.InventoryPolicy,
                Available = v.Tracked ? Math.Max(0, v.Quantity) : null, // a negative Source count sells as 0
            })],
        };
    }

    private async Task<ProductOperationResult> RefuseAsync(MirroredProduct product, StoreConnection source, string reason, long? mapCandidate,
        CancellationToken cancellationToken)
    {
        await activity.RecordAsync(ActivityKind.Sync, ActivitySeverity.Warning, reason, source.Id, source.Name,
            product.ExternalId, product.Title, product.Variants.FirstOrDefault(v => v.Problem != SkuProblem.None)?.Sku ?? product.Variants.FirstOrDefault()?.Sku,
            cancellationToken);
        return new ProductOperationResult(product.Id, product.Title, false, reason, MapCandidateId: mapCandidate);
    }

    private static ProductOperationResult Refuse(MirroredProduct product, string reason) =>
        new(product.Id, product.Title, false, reason);
}
