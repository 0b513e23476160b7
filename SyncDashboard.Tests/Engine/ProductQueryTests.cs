using Microsoft.EntityFrameworkCore;
using SyncDashboard.Core.Catalogue;
using SyncDashboard.Core.Products;
using SyncDashboard.Core.Syncing;
using SyncDashboard.Core.Stores;

namespace SyncDashboard.Tests.Engine;

/// <summary>The grid's query: status filter, search by title, SKU, vendor or tag, sort and pages, in the database.</summary>
public abstract class ProductQueryTests(StoreApi adapter) : EngineTestBase(adapter)
{
    /// <summary>These tests over the GraphQL Admin API.</summary>
    public sealed class GraphQL() : ProductQueryTests(StoreApi.GraphQL);

    /// <summary>These tests over the REST Admin API.</summary>
    public sealed class Rest() : ProductQueryTests(StoreApi.Rest);

    [Fact]
    public async Task FiltersByStatusSearchesAndPages()
    {
        var urban = await ConnectionAsync("Urban Threads");
        var query = Get<ProductQueryService>();
        var healthy = await SyncableAsync(urban.Id, q => q.Where(p => p.VariantCount >= 2).OrderBy(p => p.Id));
        await Get<ProductSyncService>().SyncAsync(healthy.Id);

        var all = await query.QueryAsync(new ProductGridQuery { StoreId = urban.Id, PageSize = 25 });
        Assert.Equal(60, all.TotalCount);
        Assert.Equal(25, all.Rows.Count);
        Assert.Equal(all.Rows.Select(r => r.Title).Order(StringComparer.Ordinal), all.Rows.Select(r => r.Title));
        var last = await query.QueryAsync(new ProductGridQuery { StoreId = urban.Id, PageSize = 25, Page = 2 });
        Assert.Equal(10, last.Rows.Count);

        var synced = await query.QueryAsync(new ProductGridQuery { StoreId = urban.Id, Status = ProductStatusFilter.Synced });
        Assert.Equal(healthy.Id, Assert.Single(synced.Rows).Id);
        var notSynced = await query.QueryAsync(new ProductGridQuery { StoreId = urban.Id, Status = ProductStatusFilter.NotSynced });
        Assert.Equal(59, notSynced.TotalCount);
        var problems = await query.QueryAsync(new ProductGridQuery { StoreId = urban.Id, Status = ProductStatusFilter.Problems, PageSize = 100 });
        Assert.All(problems.Rows, r => Assert.NotEqual(SkuProblem.None, r.Problem));
        Assert.Contains(problems.Rows, r => r.Title == "Classic Varsity Top");

        var sku = healthy.Variants.OrderBy(v => v.Position).Last().Sku!;
        var bySku = await query.QueryAsync(new ProductGridQuery { StoreId = urban.Id, Search = sku.ToLowerInvariant() });
        Assert.Equal(healthy.Id, Assert.Single(bySku.Rows).Id);
        Assert.Contains(sku, bySku.Rows[0].Skus);

        var byVendor = await query.QueryAsync(new ProductGridQuery { StoreId = urban.Id, Search = healthy.Vendor, PageSize = 100 });
        Assert.All(byVendor.Rows, r => Assert.Equal(healthy.Vendor, r.Vendor));
        var byTag = await query.QueryAsync(new ProductGridQuery { StoreId = urban.Id, Search = "women", PageSize = 100 });
        Assert.Contains(byTag.Rows, r => r.Title == "Classic Varsity Top");

        var none = await query.QueryAsync(new ProductGridQuery { StoreId = urban.Id, Search = "100%_nothing" });
        Assert.Equal(0, none.TotalCount);

        var byInventory = await query.QueryAsync(new ProductGridQuery { StoreId = urban.Id, Sort = ProductSort.Inventory, Descending = true, PageSize = 60 });
        Assert.Equal(byInventory.Rows.Select(r => r.TotalInventory).OrderDescending(), byInventory.Rows.Select(r => r.TotalInventory));
    }

    [Fact]
    public async Task AllSourcesListsEverySourceNotTheDestinationAndRowsNameTheirLinkedProduct()
    {
        var urban = await ConnectionAsync("Urban Threads");
        var hearth = await ConnectionAsync("Hearth & Home");
        var destination = await ConnectionAsync("Northwind Outlet");
        var query = Get<ProductQueryService>();
        var healthy = await SyncableAsync(urban.Id, q => q.OrderBy(p => p.Id));
        await Get<ProductSyncService>().SyncAsync(healthy.Id);

        var all = await query.QueryAsync(new ProductGridQuery { StoreId = null, PageSize = 250 });
        var urbanCount = (await query.QueryAsync(new ProductGridQuery { StoreId = urban.Id, PageSize = 1 })).TotalCount;
        var hearthCount = (await query.QueryAsync(new ProductGridQuery { StoreId = hearth.Id, PageSize = 1 })).TotalCount;
        Assert.Equal(urbanCount + hearthCount, all.TotalCount);
        Assert.Equal(new[] { hearth.Id, urban.Id }.Order(), all.Rows.Select(r => r.StoreId).Distinct().Order());
        Assert.DoesNotContain(all.Rows, r => r.StoreId == destination.Id);

        // The Source row names its Destination copy; the Destination row names the Source product it follows.
        var source = all.Rows.Single(r => r.Id == healthy.Id);
        Assert.Equal(destination.Id, source.LinkedTo!.StoreId);
        var copies = await query.QueryAsync(new ProductGridQuery { StoreId = destination.Id, Status = ProductStatusFilter.Synced });
        var copy = Assert.Single(copies.Rows);
        Assert.Equal(source.LinkedTo.ExternalId, copy.ExternalId);
        Assert.Equal(("Urban Threads", healthy.Title, healthy.Id), (copy.LinkedTo!.StoreName, copy.LinkedTo.Title, copy.LinkedTo.MirroredId));

        // "Select all matching" names every match, in the grid's order.
        var matching = await Get<ProductQueryService>().MatchingAsync(new ProductGridQuery { StoreId = urban.Id, Status = ProductStatusFilter.NotSynced });
        Assert.Equal(urbanCount - 1, matching.Count);
        Assert.Equal(matching.Select(m => m.Title).Order(StringComparer.Ordinal), matching.Select(m => m.Title));
        Assert.DoesNotContain(matching, m => m.Id == healthy.Id);
    }

    [Fact]
    public async Task TheDuplicateSkusFilterFindsProductsSharingASku()
    {
        var urban = await ConnectionAsync("Urban Threads");
        var query = Get<ProductQueryService>();

        var duplicates = await query.QueryAsync(new ProductGridQuery { StoreId = urban.Id, Status = ProductStatusFilter.DuplicateSkus, PageSize = 100 });

        Assert.NotEmpty(duplicates.Rows);
        Assert.All(duplicates.Rows, r => Assert.Contains(r.Problem, new[] { SkuProblem.DuplicateSku, SkuProblem.SharedWithOtherProduct }));
        var problems = await query.QueryAsync(new ProductGridQuery { StoreId = urban.Id, Status = ProductStatusFilter.Problems, PageSize = 100 });
        Assert.Equal(problems.Rows.Count(r => r.Problem != SkuProblem.MissingSku), duplicates.TotalCount);
    }

    [Fact]
    public async Task SourceCandidatesOfADestinationProductAreTheUnlinkedSourceProductsSharingItsSkusMostSharedFirst()
    {
        var destination = await ConnectionAsync("Northwind Outlet");
        await using var db = await DbAsync();
        // A Destination product with a SKU some Source product not linked yet also has (the demo seeds such pairs for mapping).
        var pair = await db.Variants.AsNoTracking()
            .Where(d => d.StoreId == destination.Id && d.NormalizedSku != null)
            .Join(db.Variants.Where(s => s.StoreId != destination.Id), d => d.NormalizedSku, s => s.NormalizedSku, (d, s) => new { Destination = d.ProductId, Source = s.ProductId })
            .Join(db.Products.Where(p => p.SyncState == SyncState.NotSynced), x => x.Source, p => p.Id, (x, _) => x)
            .FirstAsync();

        var candidates = await Get<ProductQueryService>().SourceCandidatesAsync(pair.Destination);

        Assert.Contains(candidates, c => c.Id == pair.Source);
        Assert.All(candidates, c => Assert.Equal(SyncState.NotSynced, c.SyncState));
        Assert.DoesNotContain(candidates, c => c.StoreId == destination.Id);
        var destinationSkus = (await db.Variants.Where(v => v.ProductId == pair.Destination).Select(v => v.NormalizedSku).ToListAsync()).ToHashSet();
        var shared = candidates.Select(c => c.Skus.Count(s => destinationSkus.Contains(s.Trim().ToUpperInvariant()))).ToList();
        Assert.Equal(shared.OrderDescending(), shared);
    }
}
