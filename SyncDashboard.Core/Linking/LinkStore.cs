using Microsoft.EntityFrameworkCore;
using SyncDashboard.Core.Catalogue;
using SyncDashboard.Core.Persistence;

namespace SyncDashboard.Core.Linking;

/// <summary>A link to create: both products (store ids and the stores' product ids) and the variant pairs.</summary>
/// <param name="RequestCheck">
/// Ask the reconciliation service to bring it in step at once; false when the caller reconciles it
/// itself (Sync, the Bulk Mapper's job), so that it is not done twice.
/// </param>
public sealed record NewLink(int SourceStoreId, long SourceProductId, int DestinationStoreId, long DestinationProductId, LinkKind Kind,
    IReadOnlyList<VariantLink> Variants, string? AppliedImagesKey = null, bool RequestCheck = true);

/// <summary>Either side of the link is already linked.</summary>
public sealed class LinkConflictException(string message) : InvalidOperationException(message);

/// <summary>What the reconciliation found for one link, to record.</summary>
/// <param name="Changed">Whether SyncDashboard changed the Destination product in this run.</param>
/// <param name="Quantities">Per variant pair id: the quantity under the stock rule and the Destination's, as now known.</param>
public sealed record LinkVerification(long LinkId, LinkState State, string? Reason, bool Changed, string? PausedFromStatus, string? AppliedImagesKey,
    IReadOnlyDictionary<long, (int? Source, int? Destination)> Quantities);

/// <summary>
/// The only writer of links (<see cref="ProductLink"/>, <see cref="VariantLink"/>) and of the sync
/// state the catalogue mirror shows for each product (<see cref="MirroredProduct.SyncState"/>,
/// <see cref="MirroredProduct.LinkState"/>, its reason and "last synced"). Every change of a link
/// updates both of its products' states in the same transaction, so the grid never shows a link
/// that is not there.
/// </summary>
public sealed class LinkStore(IDbContextFactory<SyncDbContext> dbFactory, TimeProvider time)
{
    /// <summary>Raised after links were created or removed, or changed state: the affected link ids (for live views and the reconciliation).</summary>
    public event Action<IReadOnlyCollection<long>>? Changed;

    /// <summary>
    /// Saves a new link (state Repairing, reconciliation requested at once) and marks both products
    /// Synced or Mapped. Throws <see cref="LinkConflictException"/> when either product is already linked.
    /// </summary>
    public async Task<ProductLink> CreateAsync(NewLink link, CancellationToken cancellationToken = default) =>
        (await CreateManyAsync([link], cancellationToken)).Single();

    /// <summary>Saves many links in one transaction (the Bulk Mapper); the same rules as <see cref="CreateAsync"/>.</summary>
    public async Task<IReadOnlyList<ProductLink>> CreateManyAsync(IReadOnlyList<NewLink> links, CancellationToken cancellationToken = default)
    {
        if (links.Count == 0)
        {
            return [];
        }
        var now = time.GetUtcNow();
        var created = links.Select(l => new ProductLink
        {
            SourceStoreId = l.SourceStoreId,
            SourceProductId = l.SourceProductId,
            DestinationStoreId = l.DestinationStoreId,
            DestinationProductId = l.DestinationProductId,
            Kind = l.Kind,
            CreatedAt = now,
            State = LinkState.Repairing,
            StateReason = NewLinkReason,
            CheckRequestedAt = l.RequestCheck ? now : null,
            AppliedImagesKey = l.AppliedImagesKey,
            Variants = [.. l.Variants.Select(v => new VariantLink
            {
                SourceVariantId = v.SourceVariantId,
                SourceInventoryItemId = v.SourceInventoryItemId,
                DestinationVariantId = v.DestinationVariantId,
                DestinationInventoryItemId = v.DestinationInventoryItemId,
                Sku = v.Sku,
            })],
        }).ToList();

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        foreach (var batch in created.Chunk(500))
        {
            var sources = batch.Select(l => l.SourceProductId).ToList();
            var destinations = batch.Select(l => l.DestinationProductId).ToList();
            var taken = await db.ProductLinks.AsNoTracking()
                .Where(l => sources.Contains(l.SourceProductId) || destinations.Contains(l.DestinationProductId))
                .Select(l => new { l.SourceStoreId, l.SourceProductId, l.DestinationStoreId, l.DestinationProductId })
                .ToListAsync(cancellationToken);
            foreach (var link in batch)
            {
                if (taken.Any(t => t.SourceStoreId == link.SourceStoreId && t.SourceProductId == link.SourceProductId))
                {
                    throw new LinkConflictException($"Source product {link.SourceProductId} is already linked to a Destination product.");
                }
                if (taken.Any(t => t.DestinationStoreId == link.DestinationStoreId && t.DestinationProductId == link.DestinationProductId))
                {
                    throw new LinkConflictException($"Destination product {link.DestinationProductId} is already linked to another Source product.");
                }
            }
            db.ProductLinks.AddRange(batch);
        }
        await db.SaveChangesAsync(cancellationToken);
        foreach (var link in created)
        {
            await SetProductStatesAsync(db, link, cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        Raise(created.Select(l => l.Id).ToList());
        return created;
    }

    /// <summary>The reason a new link shows until its first reconciliation.</summary>
    public const string NewLinkReason = "New link: bringing the Destination in step.";

    /// <summary>Ends a link; both products become Not synced. Returns false when there was no such link.</summary>
    public async Task<bool> RemoveAsync(long linkId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var link = await db.ProductLinks.FirstOrDefaultAsync(l => l.Id == linkId, cancellationToken);
        if (link is null)
        {
            return false;
        }
        db.ProductLinks.Remove(link);
        await db.SaveChangesAsync(cancellationToken);
        await ClearProductStatesAsync(db, link.SourceStoreId, [link.SourceProductId], cancellationToken);
        await ClearProductStatesAsync(db, link.DestinationStoreId, [link.DestinationProductId], cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        Raise([linkId]);
        return true;
    }

    /// <summary>The links of a Source store, as they are (a store being disconnected ends them one by one).</summary>
    public async Task<IReadOnlyList<ProductLink>> ListOfSourceAsync(int sourceStoreId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.ProductLinks.AsNoTracking().Where(l => l.SourceStoreId == sourceStoreId).OrderBy(l => l.Id).ToListAsync(cancellationToken);
    }

    /// <summary>Ends every link of a Source store (it is being disconnected); returns them as they were.</summary>
    public async Task<IReadOnlyList<ProductLink>> RemoveAllOfSourceAsync(int sourceStoreId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var links = await db.ProductLinks.AsNoTracking().Where(l => l.SourceStoreId == sourceStoreId).ToListAsync(cancellationToken);
        await db.ProductLinks.Where(l => l.SourceStoreId == sourceStoreId).ExecuteDeleteAsync(cancellationToken);
        foreach (var group in links.GroupBy(l => l.DestinationStoreId))
        {
            await ClearProductStatesAsync(db, group.Key, [.. group.Select(l => l.DestinationProductId)], cancellationToken);
        }
        await ClearProductStatesAsync(db, sourceStoreId, [.. links.Select(l => l.SourceProductId)], cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        Raise([.. links.Select(l => l.Id)]);
        return links;
    }

    /// <summary>Replaces a link's variant pairs (the merchant re-paired them in the Individual Mapper) and asks for a reconciliation.</summary>
    public async Task ReplaceVariantsAsync(long linkId, IReadOnlyList<VariantLink> pairs, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var link = await db.ProductLinks.Include(l => l.Variants).FirstOrDefaultAsync(l => l.Id == linkId, cancellationToken)
            ?? throw new KeyNotFoundException("The link no longer exists.");
        db.VariantLinks.RemoveRange(link.Variants);
        await db.SaveChangesAsync(cancellationToken);
        link.Variants = [.. pairs.Select(p => new VariantLink
        {
            SourceVariantId = p.SourceVariantId,
            SourceInventoryItemId = p.SourceInventoryItemId,
            DestinationVariantId = p.DestinationVariantId,
            DestinationInventoryItemId = p.DestinationInventoryItemId,
            Sku = p.Sku,
        })];
        link.State = LinkState.Repairing;
        link.StateReason = "Variants paired again: bringing the Destination in step.";
        link.CheckRequestedAt = time.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        await SetProductStatesAsync(db, link, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        Raise([linkId]);
    }

    /// <summary>Adds a variant pair to a link (a variant added at the Source, now copied).</summary>
    public async Task AddVariantAsync(long linkId, VariantLink pair, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        db.VariantLinks.Add(new VariantLink
        {
            ProductLinkId = linkId,
            SourceVariantId = pair.SourceVariantId,
            SourceInventoryItemId = pair.SourceInventoryItemId,
            DestinationVariantId = pair.DestinationVariantId,
            DestinationInventoryItemId = pair.DestinationInventoryItemId,
            Sku = pair.Sku,
            SourceAvailable = pair.SourceAvailable,
            DestinationAvailable = pair.DestinationAvailable,
        });
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Removes variant pairs (their variant was removed at the Source, or is gone from the copy).</summary>
    public async Task RemoveVariantsAsync(IReadOnlyCollection<long> variantLinkIds, CancellationToken cancellationToken = default)
    {
        if (variantLinkIds.Count == 0)
        {
            return;
        }
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await db.VariantLinks.Where(v => variantLinkIds.Contains(v.Id)).ExecuteDeleteAsync(cancellationToken);
    }

    /// <summary>
    /// Records a reconciliation's result: state and reason, "last verified" (now), "last changed" (now
    /// when it changed something), the quantities now known, and clears the check request made before
    /// <paramref name="checkedSince"/> (a request made during the run stays, so nothing is missed).
    /// </summary>
    public async Task RecordVerificationAsync(LinkVerification result, DateTimeOffset checkedSince, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var link = await db.ProductLinks.Include(l => l.Variants).FirstOrDefaultAsync(l => l.Id == result.LinkId, cancellationToken);
        if (link is null)
        {
            return;
        }
        var stateChanged = link.State != result.State || link.StateReason != result.Reason;
        link.State = result.State;
        link.StateReason = result.Reason;
        link.LastVerifiedAt = now;
        if (result.Changed)
        {
            link.LastChangedAt = now;
        }
        link.PausedFromStatus = result.PausedFromStatus;
        link.AppliedImagesKey = result.AppliedImagesKey ?? link.AppliedImagesKey;
        if (link.CheckRequestedAt is { } requested && requested <= checkedSince)
        {
            link.CheckRequestedAt = null;
        }
        foreach (var variant in link.Variants)
        {
            if (result.Quantities.TryGetValue(variant.Id, out var quantities))
            {
                variant.SourceAvailable = quantities.Source;
                variant.DestinationAvailable = quantities.Destination;
            }
        }
        await db.SaveChangesAsync(cancellationToken);
        await SetProductStatesAsync(db, link, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        if (stateChanged || result.Changed)
        {
            Raise([link.Id]);
        }
    }

    /// <summary>Marks links as being repaired, with the reason (a repair failed and will be retried), keeping their check request.</summary>
    public async Task MarkRepairingAsync(IReadOnlyCollection<long> linkIds, string reason, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var links = await db.ProductLinks.Where(l => linkIds.Contains(l.Id)).ToListAsync(cancellationToken);
        foreach (var link in links)
        {
            link.State = LinkState.Repairing;
            link.StateReason = reason;
        }
        await db.SaveChangesAsync(cancellationToken);
        foreach (var link in links)
        {
            await SetProductStatesAsync(db, link, cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        Raise(linkIds);
    }

    /// <summary>
    /// Records a Destination stock level that SyncDashboard wrote (or the Destination reported) for an
    /// inventory item, with the Source quantity it follows when known; the link's "last changed" moves
    /// when <paramref name="written"/>.
    /// </summary>
    public async Task RecordDestinationStockAsync(int destinationStoreId, long destinationInventoryItemId, int? available, int? sourceAvailable,
        bool written, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var pairs = db.VariantLinks.Where(v => v.DestinationInventoryItemId == destinationInventoryItemId
            && db.ProductLinks.Any(l => l.Id == v.ProductLinkId && l.DestinationStoreId == destinationStoreId));
        if (sourceAvailable is { } source)
        {
            await pairs.ExecuteUpdateAsync(s => s.SetProperty(v => v.DestinationAvailable, available).SetProperty(v => v.SourceAvailable, source), cancellationToken);
        }
        else
        {
            await pairs.ExecuteUpdateAsync(s => s.SetProperty(v => v.DestinationAvailable, available), cancellationToken);
        }
        if (written)
        {
            var linkIds = await pairs.Select(v => v.ProductLinkId).ToListAsync(cancellationToken);
            await db.ProductLinks.Where(l => linkIds.Contains(l.Id)).ExecuteUpdateAsync(s => s.SetProperty(l => l.LastChangedAt, now), cancellationToken);
            await db.Products.Where(p => p.StoreId == destinationStoreId && db.ProductLinks.Any(l => linkIds.Contains(l.Id) && l.DestinationProductId == p.ExternalId))
                .ExecuteUpdateAsync(s => s.SetProperty(p => p.LastSyncedAt, now), cancellationToken);
            await db.Products.Where(p => db.ProductLinks.Any(l => linkIds.Contains(l.Id) && l.SourceStoreId == p.StoreId && l.SourceProductId == p.ExternalId))
                .ExecuteUpdateAsync(s => s.SetProperty(p => p.LastSyncedAt, now), cancellationToken);
        }
    }

    /// <summary>
    /// Asks for the links to be reconciled as soon as possible (persisted, so a restart keeps the
    /// request). The request carries the time of the latest ask: one made while a run is reading the
    /// link is newer than that run and outlives it (<see cref="RecordVerificationAsync"/>), so a second
    /// change arriving mid-run is never lost. Returns how many links exist to check.
    /// </summary>
    public async Task<int> RequestCheckAsync(IReadOnlyCollection<long> linkIds, CancellationToken cancellationToken = default)
    {
        if (linkIds.Count == 0)
        {
            return 0;
        }
        var now = time.GetUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var requested = 0;
        foreach (var chunk in linkIds.Chunk(500))
        {
            requested += await db.ProductLinks.Where(l => chunk.Contains(l.Id))
                .ExecuteUpdateAsync(s => s.SetProperty(l => l.CheckRequestedAt, now), cancellationToken);
        }
        Raise(linkIds);
        return requested;
    }

    /// <summary>
    /// Asks for a check of those of the links that were never verified and that no one asked to check:
    /// the maker of a link (Sync, a mapper) brings it in step itself, and when its run ended first (a
    /// cancel, a store failure) this hands the link to the reconciliation. Returns how many.
    /// </summary>
    public async Task<int> RequestCheckOfUnverifiedAsync(IReadOnlyCollection<long> linkIds, CancellationToken cancellationToken = default)
    {
        var unverified = new List<long>();
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            foreach (var chunk in linkIds.Chunk(500))
            {
                unverified.AddRange(await Unverified(db).Where(l => chunk.Contains(l.Id)).Select(l => l.Id).ToListAsync(cancellationToken));
            }
        }
        return await RequestCheckAsync(unverified, cancellationToken);
    }

    /// <summary>
    /// The same for every link made before <paramref name="madeBefore"/> (the app's start): links whose
    /// maker stopped with the app before bringing them in step (a crash, a kill). Returns how many.
    /// </summary>
    public async Task<int> RequestCheckOfUnverifiedAsync(DateTimeOffset madeBefore, CancellationToken cancellationToken = default)
    {
        List<long> unverified;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            unverified = await Unverified(db).Where(l => l.CreatedAt < madeBefore).Select(l => l.Id).ToListAsync(cancellationToken);
        }
        return await RequestCheckAsync(unverified, cancellationToken);
    }

    private static IQueryable<ProductLink> Unverified(SyncDbContext db) =>
        db.ProductLinks.Where(l => l.LastVerifiedAt == null && l.CheckRequestedAt == null);

    /// <summary>Asks for every link of a Source to be reconciled as soon as possible (its settings changed); returns how many.</summary>
    public async Task<int> RequestCheckOfSourceAsync(int sourceStoreId, CancellationToken cancellationToken = default)
    {
        List<long> ids;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            ids = await db.ProductLinks.Where(l => l.SourceStoreId == sourceStoreId).Select(l => l.Id).ToListAsync(cancellationToken);
        }
        return await RequestCheckAsync(ids, cancellationToken);
    }

    /// <summary>
    /// Sets the sync state of every product of one store from the links (after a read that may have
    /// added products): Synced or Mapped with the link's state, or Not synced.
    /// </summary>
    public async Task ApplyStatesAsync(int storeId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await db.Database.ExecuteSqlAsync($"""
            UPDATE products SET
                SyncState = COALESCE(
                    (SELECT l.Kind FROM product_links l WHERE l.SourceStoreId = products.StoreId AND l.SourceProductId = products.ExternalId),
                    (SELECT l.Kind FROM product_links l WHERE l.DestinationStoreId = products.StoreId AND l.DestinationProductId = products.ExternalId),
                    'NotSynced'),
                LinkState = COALESCE(
                    (SELECT l.State FROM product_links l WHERE l.SourceStoreId = products.StoreId AND l.SourceProductId = products.ExternalId),
                    (SELECT l.State FROM product_links l WHERE l.DestinationStoreId = products.StoreId AND l.DestinationProductId = products.ExternalId)),
                LinkStateReason = COALESCE(
                    (SELECT l.StateReason FROM product_links l WHERE l.SourceStoreId = products.StoreId AND l.SourceProductId = products.ExternalId),
                    (SELECT l.StateReason FROM product_links l WHERE l.DestinationStoreId = products.StoreId AND l.DestinationProductId = products.ExternalId))
            WHERE StoreId = {storeId}
            """, cancellationToken);
    }

    private static async Task SetProductStatesAsync(SyncDbContext db, ProductLink link, CancellationToken cancellationToken)
    {
        var state = link.Kind == LinkKind.Synced ? SyncState.Synced : SyncState.Mapped;
        var synced = new[] { link.LastVerifiedAt, link.LastChangedAt }.Max();
        LinkState? linkState = link.State;
        await db.Products.Where(p => (p.StoreId == link.SourceStoreId && p.ExternalId == link.SourceProductId)
                || (p.StoreId == link.DestinationStoreId && p.ExternalId == link.DestinationProductId))
            .ExecuteUpdateAsync(s => s
                .SetProperty(p => p.SyncState, state)
                .SetProperty(p => p.LinkState, linkState)
                .SetProperty(p => p.LinkStateReason, link.StateReason)
                .SetProperty(p => p.LastSyncedAt, synced), cancellationToken);
    }

    private static async Task ClearProductStatesAsync(SyncDbContext db, int storeId, IReadOnlyCollection<long> productIds, CancellationToken cancellationToken)
    {
        foreach (var chunk in productIds.Chunk(500))
        {
            await db.Products.Where(p => p.StoreId == storeId && chunk.Contains(p.ExternalId))
                .ExecuteUpdateAsync(s => s
                    .SetProperty(p => p.SyncState, SyncState.NotSynced)
                    .SetProperty(p => p.LinkState, (LinkState?)null)
                    .SetProperty(p => p.LinkStateReason, (string?)null)
                    .SetProperty(p => p.LastSyncedAt, (DateTimeOffset?)null), cancellationToken); // no link, nothing synced any more
        }
    }

    private void Raise(IReadOnlyCollection<long> linkIds)
    {
        if (linkIds.Count > 0)
        {
            Changed?.Invoke(linkIds);
        }
    }
}
