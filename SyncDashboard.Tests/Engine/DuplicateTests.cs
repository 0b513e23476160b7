using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using SyncDashboard.Core.Catalogue;
using SyncDashboard.Core.Linking;
using SyncDashboard.Core.Mapping;
using SyncDashboard.Core.Syncing;
using SyncDashboard.Tests.Infrastructure;
using SyncDashboard.Core.Stores;

namespace SyncDashboard.Tests.Engine;

/// <summary>Never a duplicate product: every path that could make a second copy is refused, or links the copy that exists.</summary>
public abstract class DuplicateTests(StoreApi adapter) : ConvergenceTestBase(adapter)
{
    /// <summary>These tests over the GraphQL Admin API.</summary>
    public sealed class GraphQL() : DuplicateTests(StoreApi.GraphQL);

    /// <summary>These tests over the REST Admin API.</summary>
    public sealed class Rest() : DuplicateTests(StoreApi.Rest);

    [Fact]
    public async Task SyncOfAProductWhoseSkusAreInTheDestinationIsRefusedAndOffersTheProductToMap()
    {
        var line = (await Get<BulkMapper>().RunAsync(dryRun: true)).Lines.First(l => l.Outcome == MappingOutcome.Mapped && l.SourceStoreId == 2);
        await using var db = await DbAsync();
        var source = await db.Products.AsNoTracking().SingleAsync(p => p.StoreId == 2 && p.ExternalId == line.SourceProductId);
        var target = await db.Products.AsNoTracking().SingleAsync(p => p.StoreId == 1 && p.ExternalId == line.DestinationProductId);
        var count = Dashboard.DemoStore("northwind-outlet").ProductCount;

        var refused = await Get<ProductSyncService>().SyncAsync(source.Id);

        Assert.False(refused.Succeeded);
        Assert.Contains($"identif", refused.Message);
        Assert.Contains($"\"{target.Title}\" in Northwind Outlet: map the two instead of creating a second product with the same SKUs.", refused.Message);
        Assert.Equal(target.Id, refused.MapCandidateId);
        Assert.Equal(count, Dashboard.DemoStore("northwind-outlet").ProductCount);
        Assert.False(await db.ProductLinks.AnyAsync());

        // The offered product maps.
        var proposal = await Get<IndividualMapper>().ProposeAsync(source.Id, refused.MapCandidateId!.Value);
        Assert.Empty(await Get<IndividualMapper>().SaveAsync(source.Id, target.Id, proposal.SuggestedPairs));
    }

    [Fact]
    public async Task ASyncRefusedForAProductThatCannotBeMappedSaysWhatWouldMakeItMappable()
    {
        var line = (await Get<BulkMapper>().RunAsync(dryRun: true)).Lines
            .First(l => l.Outcome == MappingOutcome.VariantCountDiffers && l.SourceProductId is not null);
        await using var db = await DbAsync();
        var source = await db.Products.AsNoTracking().Include(p => p.Variants).SingleAsync(p => p.StoreId == line.SourceStoreId && p.ExternalId == line.SourceProductId);
        var target = await db.Products.AsNoTracking().Include(p => p.Variants).SingleAsync(p => p.StoreId == 1 && p.ExternalId == line.DestinationProductId);
        var count = Dashboard.DemoStore("northwind-outlet").ProductCount;

        var refused = await Get<ProductSyncService>().SyncAsync(source.Id);

        Assert.False(refused.Succeeded);
        Assert.Null(refused.MapCandidateId); // no "Map instead" that the Individual Mapper would have to refuse
        Assert.Contains($"\"{target.Title}\" in Northwind Outlet, so Sync would make a second product with the same SKUs", refused.Message);
        Assert.Contains($"different numbers of variants ({source.Variants.Count} in the Source, {target.Variants.Count} in the Destination)", refused.Message);
        Assert.Contains(source.Variants.Count > target.Variants.Count ? "add the variant" : "remove the variant", refused.Message);
        Assert.EndsWith("then map them.", refused.Message);
        Assert.Equal(count, Dashboard.DemoStore("northwind-outlet").ProductCount);

        // The Individual Mapper says the same, with the SKUs.
        var problems = await Get<IndividualMapper>().SaveAsync(source.Id, target.Id, (await Get<IndividualMapper>().ProposeAsync(source.Id, target.Id)).SuggestedPairs);
        Assert.Contains(problems, p => p.StartsWith("The products have different numbers of variants", StringComparison.Ordinal) && p.EndsWith("then map them.", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SyncAfterUnsyncAndKeepLinksTheKeptCopyAgain()
    {
        var link = await SyncAsync();
        var sync = Get<ProductSyncService>();
        await using var db = await DbAsync();
        var source = await db.Products.AsNoTracking().SingleAsync(p => p.StoreId == 2 && p.ExternalId == link.SourceProductId);
        Assert.True(Assert.Single(await sync.UnsyncAsync([source.Id], UnsyncMode.Keep)).Succeeded);
        var count = Dashboard.DemoStore("northwind-outlet").ProductCount;

        var again = await sync.SyncAsync(source.Id);

        Assert.True(again.Succeeded, again.Message);
        Assert.StartsWith($"Linked \"{source.Title}\" again to its kept copy in Northwind Outlet", again.Message);
        Assert.Equal(link.DestinationProductId, again.DestinationProductId);
        Assert.Equal(count, Dashboard.DemoStore("northwind-outlet").ProductCount);
        Assert.Equal([link.DestinationProductId], Copies.Of(Dashboard.DemoStore("northwind-outlet"), "urban-threads.myshopify.com", link.SourceProductId));
        Assert.Equal(SyncState.Synced, (await db.Products.AsNoTracking().SingleAsync(p => p.Id == source.Id)).SyncState);
    }

    [Fact]
    public async Task ASkuInTwoSourcesNamesBothStoresAndBlocksTheSecondSync()
    {
        var urbanId = (await ConnectionAsync("Urban Threads")).Id;
        var urban = await SyncableAsync(urbanId, q => q.Where(p => p.VariantCount == 1));
        var sku = urban.Variants.Single().Sku!;
        var hearthProduct = await CreateAsync("hearth-and-home", "Same thing, other supplier", sku);
        var hearthId = (await ConnectionAsync("Hearth & Home")).Id;
        var hearth = await MirroredEventuallyAsync(hearthId, hearthProduct);
        var sync = Get<ProductSyncService>();

        var first = await sync.SyncAsync(urban.Id);
        var second = await sync.SyncAsync(hearth.Id);

        Assert.True(first.Succeeded, first.Message);
        Assert.False(second.Succeeded);
        Assert.Equal($"Not synced: SKU {sku.Trim().ToUpperInvariant()} is in both Hearth & Home and Urban Threads: \"{urban.Title}\" in Northwind Outlet already follows \"{urban.Title}\" of Urban Threads.",
            second.Message);
        Assert.Null(second.MapCandidateId); // that Destination product follows another Source already
    }

    [Fact]
    public async Task TheBulkMapperNamesBothSourceStoresOfASkuInTwoSources()
    {
        await CreateAsync("urban-threads", "Twin lamp (urban)", "TWO-SOURCES-1");
        await CreateAsync("hearth-and-home", "Twin lamp (hearth)", "TWO-SOURCES-1");
        var destination = await CreateAsync("northwind-outlet", "Twin lamp", "TWO-SOURCES-1");
        await EventuallyAsync(async () =>
        {
            await using var db = await DbAsync();
            return await db.Variants.CountAsync(v => v.NormalizedSku == "TWO-SOURCES-1") == 3;
        }, "the three products are mirrored");

        var line = (await Get<BulkMapper>().RunAsync(dryRun: true)).Lines.Single(l => l.DestinationProductId == destination);

        Assert.Equal(MappingOutcome.DuplicateSku, line.Outcome);
        Assert.Equal("SKU TWO-SOURCES-1 is in two Source stores, Urban Threads and Hearth & Home: map it by hand in the Individual Mapper.", line.Reason);
    }

    [Fact]
    public async Task ACopyMarkedByTheOldTagIsRecognisedAndItsMarkMovesToTheMetafield()
    {
        var link = await SyncAsync();
        var urbanId = (await ConnectionAsync("Urban Threads")).Id;
        var legacyTag = LinkMarker.LegacyTag(urbanId, link.SourceProductId);
        // Make the copy look like one an older version made: the mark is a tag, there is no metafield.
        var northwind = Dashboard.DemoStore("northwind-outlet");
        foreach (var metafield in northwind.Catalogue.ListMetafields(link.DestinationProductId))
        {
            northwind.Catalogue.DeleteMetafield(link.DestinationProductId, metafield.Id!.Value);
        }
        var tags = (await ProductAsync("northwind-outlet", link.DestinationProductId))["tags"]!.GetValue<string>();
        await PutProductAsync("northwind-outlet", link.DestinationProductId, new { id = link.DestinationProductId, tags = $"{tags}, {legacyTag}" });
        await using var db = await DbAsync();
        var source = await db.Products.AsNoTracking().SingleAsync(p => p.StoreId == urbanId && p.ExternalId == link.SourceProductId);
        Assert.True(Assert.Single(await Get<ProductSyncService>().UnsyncAsync([source.Id], UnsyncMode.Keep)).Succeeded);
        var count = northwind.ProductCount;

        var again = await Get<ProductSyncService>().SyncAsync(source.Id);

        Assert.True(again.Succeeded, again.Message);
        Assert.Equal(link.DestinationProductId, again.DestinationProductId);
        Assert.Equal(count, northwind.ProductCount);
        await EventuallyAsync(async () => !(await ProductAsync("northwind-outlet", link.DestinationProductId))["tags"]!.GetValue<string>().Contains(legacyTag),
            "the legacy tag, which shoppers see, is gone");
        Assert.Equal([link.DestinationProductId], Copies.Of(northwind, "urban-threads.myshopify.com", link.SourceProductId));
    }

    /// <summary>Creates a one-variant product through the store's API; its id.</summary>
    private async Task<long> CreateAsync(string store, string title, string sku)
    {
        using var http = Store(store);
        using var created = await http.PostAsync("products.json", new StringContent(
            new JsonObject { ["product"] = new JsonObject { ["title"] = title, ["variants"] = new JsonArray(new JsonObject { ["sku"] = sku, ["price"] = "10.00" }) } }.ToJsonString(),
            Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return (await created.Content.ReadFromJsonAsync<JsonObject>())!["product"]!["id"]!.GetValue<long>();
    }

    private async Task<MirroredProduct> MirroredEventuallyAsync(int storeId, long externalId)
    {
        MirroredProduct? found = null;
        await EventuallyAsync(async () =>
        {
            await using var db = await DbAsync();
            found = await db.Products.AsNoTracking().Include(p => p.Variants).FirstOrDefaultAsync(p => p.StoreId == storeId && p.ExternalId == externalId);
            return found is not null;
        }, "the new product is mirrored");
        return found!;
    }
}
