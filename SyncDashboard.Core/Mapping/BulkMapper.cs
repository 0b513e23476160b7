using Microsoft.EntityFrameworkCore;
using SyncDashboard.Core.Activity;
using SyncDashboard.Core.Catalogue;
using SyncDashboard.Core.Connections;
using SyncDashboard.Core.Linking;
using SyncDashboard.Core.Persistence;
using SyncDashboard.Core.Reconciliation;

namespace SyncDashboard.Core.Mapping;

/// <summary>
/// Compares every Destination product with the Source catalogues and links those whose variants
/// match one to one by SKU. Rules: SKUs unique within each store, the same number of variants on
/// both sides, every variant matched. Works on the local mirrors with hash lookups, so its cost
/// grows with the number of variants, never with pairs of products.
/// </summary>
public sealed class BulkMapper(IDbContextFactory<SyncDbContext> dbFactory, LinkStore linkStore, ActivityLog activity, TimeProvider time)
{
    /// <summary>Compares the catalogues and, unless <paramref name="dryRun"/>, links what matches.</summary>
    /// <param name="runStartedAt">
    /// When the run (its job) first started. A run resumed after a restart finds the links it made before
    /// the restart: mapped links made since then that it would make again are reported as mapped by this
    /// run (and returned in <see cref="MappingReport.CreatedLinkIds"/>, to be brought in step), not as
    /// "already linked".
    /// </param>
    public async Task<MappingReport> RunAsync(bool dryRun, IProgress<(int Done, int Total)>? progress = null, CancellationToken cancellationToken = default,
        DateTimeOffset? runStartedAt = null)
    {
        var started = time.GetTimestamp();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        var destination = await db.StoreConnections.AsNoTracking()
            .FirstOrDefaultAsync(c => c.Role == StoreRole.Destination && c.Status != ConnectionStatus.Disconnected, cancellationToken)
            ?? throw new InvalidOperationException("No Destination store is connected.");
        var sourceStores = await db.StoreConnections.AsNoTracking()
            .Where(c => c.Role == StoreRole.Source && c.Status != ConnectionStatus.Disconnected)
            .ToDictionaryAsync(c => c.Id, c => c.Name, cancellationToken);
        var sourceIds = sourceStores.Keys.ToList();

        // The Source side: SKU -> the variant that has it (or a mark that several have it).
        var sourceBySku = new Dictionary<string, SourceVariant>(StringComparer.Ordinal);
        var sourceVariantCounts = new Dictionary<long, int>();
        var sourceProducts = new Dictionary<long, (int StoreId, long ExternalId, string Title, string? Status)>();
        var sourceMirroredIds = new Dictionary<(int StoreId, long ExternalId), long>();
        var sourceStoresById = await db.StoreConnections.AsNoTracking().Where(c => sourceIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, cancellationToken);
        var linkedSources = (await db.ProductLinks.AsNoTracking().Select(l => new { l.SourceStoreId, l.SourceProductId }).ToListAsync(cancellationToken))
            .Select(l => (l.SourceStoreId, l.SourceProductId)).ToHashSet();
        foreach (var storeId in sourceIds)
        {
            await foreach (var v in db.Variants.AsNoTracking().Where(v => v.StoreId == storeId)
                .Select(v => new { v.ProductId, v.ExternalId, v.NormalizedSku, v.InventoryItemId, v.Sku })
                .AsAsyncEnumerable().WithCancellation(cancellationToken))
            {
                sourceVariantCounts[v.ProductId] = sourceVariantCounts.GetValueOrDefault(v.ProductId) + 1;
                if (v.NormalizedSku is null)
                {
                    continue;
                }
                sourceBySku[v.NormalizedSku] = sourceBySku.TryGetValue(v.NormalizedSku, out var seen)
                    ? seen with { Duplicated = true, OtherStoreId = seen.StoreId != storeId ? storeId : seen.OtherStoreId }
                    : new SourceVariant(v.ProductId, v.ExternalId, v.InventoryItemId ?? 0, v.Sku, Duplicated: false, storeId, OtherStoreId: null);
            }
            await foreach (var p in db.Products.AsNoTracking().Where(p => p.StoreId == storeId)
                .Select(p => new { p.Id, p.StoreId, p.ExternalId, p.Title, p.Status }).AsAsyncEnumerable().WithCancellation(cancellationToken))
            {
                sourceProducts[p.Id] = (p.StoreId, p.ExternalId, p.Title, p.Status);
                sourceMirroredIds[(p.StoreId, p.ExternalId)] = p.Id;
            }
        }

        // The Destination side, product by product (variants arrive ordered by product).
        var destinationSkuCounts = (await db.Variants.AsNoTracking()
                .Where(v => v.StoreId == destination.Id && v.NormalizedSku != null)
                .GroupBy(v => v.NormalizedSku!)
                .Where(g => g.Count() > 1)
                .Select(g => g.Key)
                .ToListAsync(cancellationToken))
            .ToHashSet(StringComparer.Ordinal);
        var linkedDestinations = (await db.ProductLinks.AsNoTracking().Where(l => l.DestinationStoreId == destination.Id)
            .Select(l => l.DestinationProductId).ToListAsync(cancellationToken)).ToHashSet();
        // Links this run made before a restart: Destination product -> the link.
        var madeEarlier = runStartedAt is { } since && !dryRun
            ? await db.ProductLinks.AsNoTracking()
                .Where(l => l.DestinationStoreId == destination.Id && l.Kind == LinkKind.Mapped && l.CreatedAt >= since)
                .ToDictionaryAsync(l => l.DestinationProductId, l => (l.Id, l.SourceStoreId, l.SourceProductId), cancellationToken)
            : [];
        linkedDestinations.ExceptWith(madeEarlier.Keys);
        linkedSources.ExceptWith(madeEarlier.Values.Select(l => (l.SourceStoreId, l.SourceProductId)));
        var destinationProducts = await db.Products.AsNoTracking().Where(p => p.StoreId == destination.Id)
            .OrderBy(p => p.Id).Select(p => new { p.Id, p.ExternalId, p.Title }).ToListAsync(cancellationToken);
        var destinationVariants = db.Variants.AsNoTracking().Where(v => v.StoreId == destination.Id)
            .OrderBy(v => v.ProductId).ThenBy(v => v.Position)
            .Select(v => new DestinationVariant(v.ProductId, v.ExternalId, v.InventoryItemId ?? 0, v.NormalizedSku, v.Sku))
            .AsAsyncEnumerable().WithCancellation(cancellationToken).GetAsyncEnumerator();

        var lines = new List<MappingReportLine>(destinationProducts.Count);
        var claimedSources = new HashSet<long>();
        var links = new List<NewLink>();
        var resumed = new List<long>();
        var hasVariant = await destinationVariants.MoveNextAsync();
        for (var index = 0; index < destinationProducts.Count; index++)
        {
            var product = destinationProducts[index];
            var variants = new List<DestinationVariant>();
            while (hasVariant && destinationVariants.Current.ProductId <= product.Id)
            {
                if (destinationVariants.Current.ProductId == product.Id)
                {
                    variants.Add(destinationVariants.Current);
                }
                hasVariant = await destinationVariants.MoveNextAsync();
            }
            var line = Decide(product.ExternalId, product.Title, variants);
            if (line.Outcome != MappingOutcome.Mapped && madeEarlier.ContainsKey(product.ExternalId))
            {
                line = new(product.ExternalId, product.Title, MappingOutcome.AlreadyLinked, "Already linked to a Source product.");
            }
            // What the report's Source store column and its "map by hand" action need.
            lines.Add(line with
            {
                DestinationMirroredId = product.Id,
                SourceStoreName = line.SourceStoreId is { } storeId ? sourceStores.GetValueOrDefault(storeId) : null,
                SourceMirroredId = line is { SourceStoreId: { } store, SourceProductId: { } external } && sourceMirroredIds.TryGetValue((store, external), out var mirrored)
                    ? mirrored : null,
            });
            if ((index + 1) % 1000 == 0)
            {
                progress?.Report((index + 1, destinationProducts.Count));
            }
        }
        await destinationVariants.DisposeAsync();
        progress?.Report((destinationProducts.Count, destinationProducts.Count));

        var created = new List<long>(resumed);
        if (!dryRun && links.Count > 0)
        {
            // In batches, each its own transaction, so memory stays flat for large catalogues. The caller
            // brings the new links in step (their stock to the Source's) at once.
            foreach (var batch in links.Chunk(1_000))
            {
                created.AddRange((await linkStore.CreateManyAsync(batch, cancellationToken)).Select(l => l.Id));
            }
        }

        var report = new MappingReport(dryRun, lines, time.GetElapsedTime(started)) { CreatedLinkIds = created };
        if (!dryRun)
        {
            var bySource = lines.Where(l => l.Outcome == MappingOutcome.Mapped && l.SourceStoreId is not null)
                .GroupBy(l => l.SourceStoreId!.Value).OrderBy(g => sourceStores[g.Key]).ToList();
            await activity.RecordAsync(ActivityKind.Map, ActivitySeverity.Success,
                $"Bulk Mapper linked {report.Count(MappingOutcome.Mapped)} of {lines.Count} Destination products" +
                (bySource.Count > 0 ? $" ({string.Join(", ", bySource.Select(g => $"{g.Count()} to {sourceStores[g.Key]}"))})" : "") +
                $"; {lines.Count - report.Count(MappingOutcome.Mapped)} were not mapped.",
                destination.Id, destination.Name, cancellationToken: cancellationToken);
            // Each Source's share under its own name too, so the Activity Log's store filter finds it.
            foreach (var group in bySource)
            {
                await activity.RecordAsync(ActivityKind.Map, ActivitySeverity.Success,
                    $"Bulk Mapper linked {group.Count()} Destination product{(group.Count() == 1 ? "" : "s")} to products of {sourceStores[group.Key]}.",
                    group.Key, sourceStores[group.Key], cancellationToken: cancellationToken);
            }
        }
        return report;

        MappingReportLine Decide(long externalId, string title, List<DestinationVariant> variants)
        {
            if (linkedDestinations.Contains(externalId))
            {
                return new(externalId, title, MappingOutcome.AlreadyLinked, "Already linked to a Source product.");
            }
            if (variants.Count == 0 || variants.Any(v => v.NormalizedSku is null))
            {
                var missing = variants.Count(v => v.NormalizedSku is null);
                return new(externalId, title, MappingOutcome.MissingSku, $"{missing} of {variants.Count} variants {(missing == 1 ? "has" : "have")} no SKU.");
            }
            var duplicated = variants.FirstOrDefault(v => destinationSkuCounts.Contains(v.NormalizedSku!));
            if (duplicated is not null)
            {
                return new(externalId, title, MappingOutcome.DuplicateSku, $"SKU {duplicated.Sku} is used more than once in the Destination store.");
            }
            var matches = variants.Select(v => sourceBySku.TryGetValue(v.NormalizedSku!, out var s) ? s : null).ToList();
            if (matches.All(m => m is null))
            {
                return new(externalId, title, MappingOutcome.NoMatch, "No Source product has any of its SKUs.");
            }
            var sourceDuplicate = variants.Zip(matches).FirstOrDefault(p => p.Second is { Duplicated: true });
            if (sourceDuplicate.Second is { } duplicate)
            {
                return new(externalId, title, MappingOutcome.DuplicateSku, duplicate.OtherStoreId is { } other
                    ? $"SKU {sourceDuplicate.First.Sku} is in two Source stores, {sourceStores[duplicate.StoreId]} and {sourceStores[other]}: map it by hand in the Individual Mapper."
                    : $"SKU {sourceDuplicate.First.Sku} is used more than once in {sourceStores[duplicate.StoreId]}.");
            }
            var candidates = matches.Where(m => m is not null).Select(m => m!.ProductId).Distinct().ToList();
            if (candidates.Count > 1)
            {
                return new(externalId, title, MappingOutcome.PartialSkuMatch, $"Its SKUs match variants of {candidates.Count} different Source products.");
            }
            var sourceId = candidates[0];
            var source = sourceProducts[sourceId];
            var sourceCount = sourceVariantCounts.GetValueOrDefault(sourceId);
            if (sourceCount != variants.Count)
            {
                return new(externalId, title, MappingOutcome.VariantCountDiffers,
                    $"It has {variants.Count} variants; \"{source.Title}\" in the Source has {sourceCount}.", source.StoreId, source.ExternalId, source.Title);
            }
            var matched = matches.Count(m => m is not null);
            if (matched != variants.Count)
            {
                return new(externalId, title, MappingOutcome.PartialSkuMatch,
                    $"Only {matched} of its {variants.Count} SKUs match \"{source.Title}\".", source.StoreId, source.ExternalId, source.Title);
            }
            if (linkedSources.Contains((source.StoreId, source.ExternalId)) || !claimedSources.Add(sourceId))
            {
                return new(externalId, title, MappingOutcome.AlreadyLinked,
                    $"\"{source.Title}\" in the Source is already linked to another product.", source.StoreId, source.ExternalId, source.Title);
            }
            if (madeEarlier.TryGetValue(externalId, out var made))
            {
                if ((made.SourceStoreId, made.SourceProductId) != (source.StoreId, source.ExternalId))
                {
                    return new(externalId, title, MappingOutcome.AlreadyLinked, "Already linked to a Source product.");
                }
                resumed.Add(made.Id); // made by this run before a restart
            }
            else
            {
                links.Add(new NewLink(source.StoreId, source.ExternalId, destination.Id, externalId, LinkKind.Mapped,
                    [.. variants.Zip(matches).Select(p => new VariantLink
                    {
                        SourceVariantId = p.Second!.ExternalId,
                        SourceInventoryItemId = p.Second.InventoryItemId,
                        DestinationVariantId = p.First.ExternalId,
                        DestinationInventoryItemId = p.First.InventoryItemId,
                        Sku = p.First.Sku,
                    })], RequestCheck: false));
            }
            if (UnavailableSource.IsAvailable(source.Status))
            {
                return new(externalId, title, MappingOutcome.Mapped, $"Matched \"{source.Title}\" variant for variant by SKU.", source.StoreId, source.ExternalId, source.Title);
            }
            return new(externalId, title, MappingOutcome.Mapped,
                $"Matched \"{source.Title}\" variant for variant by SKU, but it is {source.Status} in the Source: until it is active again, " +
                $"{UnavailableSource.Consequence(sourceStoresById[source.StoreId])}.",
                source.StoreId, source.ExternalId, source.Title) { SourceUnavailable = true };
        }
    }

    /// <param name="OtherStoreId">When the SKU is also in another Source store: that store.</param>
    private sealed record SourceVariant(long ProductId, long ExternalId, long InventoryItemId, string? Sku, bool Duplicated, int StoreId, int? OtherStoreId);

    private sealed record DestinationVariant(long ProductId, long ExternalId, long InventoryItemId, string? NormalizedSku, string? Sku);
}
