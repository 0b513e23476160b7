using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using SyncDashboard.Core.Connections;
using SyncDashboard.Core.Stores;

namespace SyncDashboard.Core.Reconciliation;

// A large run reads each store's catalogue once, whole, rather than its products batch by batch.
public sealed partial class Reconciler
{
    /// <summary>
    /// The products of one store that a run's links needed when it began (<see cref="Covered"/>), as
    /// read from its whole catalogue then (<see cref="ObservedAt"/>: when that read started, so that a
    /// Source quantity read then never overwrites a newer one written since). A covered product the read
    /// did not find is gone from the store; one not covered (a link changed since) is read as usual.
    /// </summary>
    private sealed record CatalogueRead(IReadOnlySet<long> Covered, IReadOnlyDictionary<long, StoreProduct> Products, DateTimeOffset ObservedAt)
    {
        /// <summary>The products by id, read from the stores through <paramref name="readOthers"/> for ids the catalogue read did not cover.</summary>
        public static async Task<Dictionary<long, StoreProduct>> TakeAsync(CatalogueRead? catalogue, IReadOnlyList<long> ids,
            Func<IReadOnlyList<long>, Task<Dictionary<long, StoreProduct>>> readOthers)
        {
            var others = catalogue is null ? ids : [.. ids.Where(id => !catalogue.Covered.Contains(id))];
            var products = others.Count > 0 ? await readOthers(others) : [];
            foreach (var id in ids.Where(id => catalogue?.Covered.Contains(id) == true))
            {
                if (catalogue!.Products.TryGetValue(id, out var product))
                {
                    products[id] = product;
                }
            }
            return products;
        }
    }

    /// <summary>
    /// For each store of which the run checks at least <see cref="ReconciliationOptions.WholeCatalogueReadFrom"/>
    /// products and at least half of its mirrored catalogue: its whole catalogue, read once (a bulk
    /// operation on GraphQL, pages of 250 on REST), keeping only the products the run needs, so memory
    /// grows with the run, not with the catalogue. A store whose read fails is read batch by batch instead.
    /// Not for runs that wait for a share of the stores' rate (<see cref="ReconcileRun.BeforeCall"/>).
    /// </summary>
    private async Task<Dictionary<int, CatalogueRead>> ReadWholeCataloguesAsync(IReadOnlyList<long> linkIds, ReconciliationReport report,
        CancellationToken cancellationToken)
    {
        var result = new Dictionary<int, CatalogueRead>();
        var minimum = options.Value.WholeCatalogueReadFrom;
        if (linkIds.Count < minimum)
        {
            return result;
        }
        var wanted = new Dictionary<int, HashSet<long>>();
        Dictionary<int, StoreConnection> stores;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            foreach (var chunk in linkIds.Chunk(500))
            {
                foreach (var link in await db.ProductLinks.AsNoTracking().Where(l => chunk.Contains(l.Id))
                    .Select(l => new { l.SourceStoreId, l.SourceProductId, l.DestinationStoreId, l.DestinationProductId }).ToListAsync(cancellationToken))
                {
                    (wanted.TryGetValue(link.SourceStoreId, out var source) ? source : wanted[link.SourceStoreId] = []).Add(link.SourceProductId);
                    (wanted.TryGetValue(link.DestinationStoreId, out var destination) ? destination : wanted[link.DestinationStoreId] = []).Add(link.DestinationProductId);
                }
            }
            var candidates = new List<int>();
            foreach (var (storeId, products) in wanted)
            {
                if (products.Count >= minimum && products.Count * 2 >= await db.Products.CountAsync(p => p.StoreId == storeId, cancellationToken))
                {
                    candidates.Add(storeId);
                }
            }
            stores = await db.StoreConnections.AsNoTracking().Where(c => candidates.Contains(c.Id) && c.Status != ConnectionStatus.Disconnected)
                .ToDictionaryAsync(c => c.Id, cancellationToken);
        }
        foreach (var (storeId, store) in stores)
        {
            var products = wanted[storeId];
            var observedAt = time.GetUtcNow();
            var found = new Dictionary<long, StoreProduct>();
            try
            {
                report.CountRead();
                await foreach (var product in connections.ClientFor(store).ListProductsAsync(cancellationToken: cancellationToken))
                {
                    if (products.Contains(product.Id))
                    {
                        found[product.Id] = product;
                    }
                }
            }
            catch (StoreApiException e)
            {
                logger.LogWarning("The whole catalogue of {Store} could not be read ({Error}); its products are read batch by batch", store.Name, e.Message);
                continue;
            }
            logger.LogInformation("Read the whole catalogue of {Store} for a reconciliation of {Products} of its products", store.Name, products.Count);
            result[storeId] = new CatalogueRead(products, found, observedAt);
        }
        return result;
    }
}
