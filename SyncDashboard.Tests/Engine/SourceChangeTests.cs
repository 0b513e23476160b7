using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using SyncDashboard.Core.Activity;
using SyncDashboard.Core.Catalogue;
using SyncDashboard.Core.Connections;
using SyncDashboard.DemoStores;
using SyncDashboard.Core.Linking;
using SyncDashboard.Core.Mapping;
using SyncDashboard.Core.Reconciliation;
using SyncDashboard.Core.Stores;

namespace SyncDashboard.Tests.Engine;

/// <summary>
/// What follows a change at the Source: variants added and removed (synced and mapped), products
/// archived, set to draft or deleted (with or without their webhook), and fields: those switched on,
/// through the price rule, never a mapped product's own fields by default.
/// </summary>
public abstract class SourceChangeTests(StoreApi adapter) : ConvergenceTestBase(adapter)
{
    /// <summary>These tests over the GraphQL Admin API.</summary>
    public sealed class GraphQL() : SourceChangeTests(StoreApi.GraphQL);

    /// <summary>These tests over the REST Admin API.</summary>
    public sealed class Rest() : SourceChangeTests(StoreApi.Rest);

    [Fact]
    public async Task AVariantAddedOrRemovedAtTheSourceReachesTheSyncedCopy()
    {
        var link = await SyncAsync(q => q.Where(p => p.VariantCount >= 2 && p.VariantCount < 5));
        var sourceProduct = await ProductAsync("urban-threads", link.SourceProductId);
        var removed = sourceProduct["variants"]!.AsArray()[1]!.AsObject();
        var option1 = sourceProduct["options"]!.AsArray()[0]!["values"]!.AsArray()[0]!.GetValue<string>();
        var optionCount = sourceProduct["options"]!.AsArray().Count;
        using var urban = Store("urban-threads");

        // A new variant at the Source (a new value of the last option), with its own stock ...
        var draft = new JsonObject { ["sku"] = "ADDED-AT-SOURCE-1", ["price"] = "12.00", ["option1"] = option1 };
        draft[$"option{optionCount}"] = "Added at the Source";
        using (var added = await urban.PostAsync($"products/{link.SourceProductId}/variants.json",
            new StringContent(new JsonObject { ["variant"] = draft }.ToJsonString(), Encoding.UTF8, "application/json")))
        {
            Assert.Equal(HttpStatusCode.Created, added.StatusCode);
            var item = (await added.Content.ReadFromJsonAsync<JsonObject>())!["variant"]!["inventory_item_id"]!.GetValue<long>();
            await SetStockAsync("urban-threads", item, 6);
        }
        // ... and one removed.
        using (var deleted = await urban.DeleteAsync($"products/{link.SourceProductId}/variants/{removed["id"]!.GetValue<long>()}.json"))
        {
            Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        }

        await EventuallyAsync(async () =>
        {
            var copy = await ProductAsync("northwind-outlet", link.DestinationProductId);
            var skus = copy["variants"]!.AsArray().Select(v => v!["sku"]!.GetValue<string>()).ToList();
            return skus.Contains("ADDED-AT-SOURCE-1") && !skus.Contains(removed["sku"]!.GetValue<string>());
        }, "the copy gains the new variant and loses the removed one");
        await EventuallyAsync(async () => (await LinkOfSourceAsync(link.SourceProductId)).Variants.Count == link.Variants.Count, "the pairs follow");
        var after = await LinkOfSourceAsync(link.SourceProductId);
        var newPair = Assert.Single(after.Variants, v => v.Sku == "ADDED-AT-SOURCE-1");
        await EventuallyAsync(() => DestinationStock(newPair.DestinationInventoryItemId) == 6, "the new variant has its stock");
        Assert.DoesNotContain(after.Variants, v => v.SourceVariantId == removed["id"]!.GetValue<long>());
        await EventuallyAsync(async () => (await Get<ActivityLog>().QueryAsync(new ActivityQuery { Kind = ActivityKind.Reconciliation })).Entries
            .Any(e => (e.Message.Contains("1 variant added", StringComparison.Ordinal) || e.Message.Contains("variants added", StringComparison.Ordinal))
                && e.StoreName == "Urban Threads" && e.ProductId == link.SourceProductId),
            "the repair is in the Activity Log, with its store and product");
    }

    [Fact]
    public async Task VariantChangesLeaveAMappedLinkOutOfStepSellNothingRemovedAndArePairedAgainByTheMerchant()
    {
        HashSet<long> multi;
        await using (var db = await DbAsync())
        {
            multi = [.. await db.Products.Where(p => p.StoreId == 2 && p.VariantCount >= 2).Select(p => p.ExternalId).ToListAsync()];
        }
        var (link, line) = await MapOneAsync(l => multi.Contains(l.SourceProductId!.Value));
        await EventuallyAsync(async () => (await LinkOfSourceAsync(link.SourceProductId)).State == LinkState.InStep, "the new link is in step");
        var source = await ProductAsync("urban-threads", link.SourceProductId);
        var removed = link.Variants[0];
        var destinationBefore = await ProductAsync("northwind-outlet", line.DestinationProductId);
        using var urban = Store("urban-threads");
        using (var deleted = await urban.DeleteAsync($"products/{link.SourceProductId}/variants/{removed.SourceVariantId}.json"))
        {
            Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        }

        await EventuallyAsync(async () => (await LinkOfSourceAsync(link.SourceProductId)).State == LinkState.OutOfStep, "the link is out of step");
        var outOfStep = await LinkOfSourceAsync(link.SourceProductId);
        Assert.Equal($"Source removed SKU {removed.Sku}.", outOfStep.StateReason);
        // Nothing is oversold: the removed variant's Destination stock is 0, and nothing else of the merchant's product changed.
        await EventuallyAsync(() => DestinationStock(removed.DestinationInventoryItemId) == 0, "the removed variant sells nothing");
        var destinationAfter = await ProductAsync("northwind-outlet", line.DestinationProductId);
        Assert.Equal(destinationBefore["variants"]!.AsArray().Count, destinationAfter["variants"]!.AsArray().Count);
        Assert.Equal(destinationBefore["title"]!.GetValue<string>(), destinationAfter["title"]!.GetValue<string>());
        await EventuallyAsync(async () => (await Get<ActivityLog>().QueryAsync(new ActivityQuery { Kind = ActivityKind.OutOfStep })).TotalCount > 0, "the warning is logged");
        var warnings = await Get<ActivityLog>().QueryAsync(new ActivityQuery { Kind = ActivityKind.OutOfStep });
        Assert.Contains($"Source removed SKU {removed.Sku}", Assert.Single(warnings.Entries).Message); // once, not at every pass
        await using (var context = await DbAsync())
        {
            var row = await context.Products.AsNoTracking().SingleAsync(p => p.StoreId == 2 && p.ExternalId == link.SourceProductId);
            Assert.Equal(LinkState.OutOfStep, row.LinkState); // the grid's "Out of step" filter finds it
        }
    }

    [Fact]
    public async Task AnArchivedSourceProductAppliesThePolicyAndComingBackLiftsIt()
    {
        var link = await SyncAsync();
        var pairs = link.Variants;

        // Default policy: the copy stays, with stock 0.
        await PutProductAsync("urban-threads", link.SourceProductId, new { id = link.SourceProductId, status = "archived" });
        await EventuallyAsync(() => pairs.All(p => DestinationStock(p.DestinationInventoryItemId) == 0), "the copy of an archived product sells nothing");
        Assert.Equal("active", (await ProductAsync("northwind-outlet", link.DestinationProductId))["status"]!.GetValue<string>());
        await EventuallyAsync(async () => (await Get<ActivityLog>().QueryAsync(new ActivityQuery { Kind = ActivityKind.ProductUpdate })).Entries
            .Any(e => e.Message.Contains("is archived in Urban Threads; its copy in Northwind Outlet was kept with stock 0", StringComparison.Ordinal)),
            "the policy's effect is in the Activity Log");

        // "Set to draft": the copy is hidden; when the Source product is active again, so is the copy, with its stock.
        var urban = await ConnectionAsync("Urban Threads");
        await Get<StoreConnectionService>().UpdateSettingsAsync(urban.Id, SourceSettings.Of(urban) with { DeletePolicy = SourceDeletePolicy.SetToDraft });
        await EventuallyAsync(async () => (await ProductAsync("northwind-outlet", link.DestinationProductId))["status"]!.GetValue<string>() == "draft", "the copy is set to draft");
        await PutProductAsync("urban-threads", link.SourceProductId, new { id = link.SourceProductId, status = "active" });
        await EventuallyAsync(async () => (await ProductAsync("northwind-outlet", link.DestinationProductId))["status"]!.GetValue<string>() == "active", "the copy is active again");
        await EventuallyAsync(() => pairs.All(p => DestinationStock(p.DestinationInventoryItemId) == SourceStock("urban-threads", p.SourceInventoryItemId)),
            "with the Source's stock");
    }

    [Fact]
    public async Task TheDeletePolicyDeletesSyncedCopiesButNeverTheMerchantsMappedListings()
    {
        var synced = await SyncAsync();
        var (mapped, line) = await MapOneAsync();
        var urban = await ConnectionAsync("Urban Threads");
        await Get<StoreConnectionService>().UpdateSettingsAsync(urban.Id, SourceSettings.Of(urban) with { DeletePolicy = SourceDeletePolicy.Delete });

        foreach (var link in new[] { synced, mapped })
        {
            await PutProductAsync("urban-threads", link.SourceProductId, new { id = link.SourceProductId, status = "archived" });
        }

        await EventuallyAsync(() => !Exists("northwind-outlet", synced.DestinationProductId), "the synced copy is deleted");
        await EventuallyAsync(() => mapped.Variants.All(p => DestinationStock(p.DestinationInventoryItemId) == 0), "the mapped listing sells nothing");
        Assert.True(Exists("northwind-outlet", line.DestinationProductId)); // the merchant's own listing stays
        Assert.Equal("active", (await ProductAsync("northwind-outlet", line.DestinationProductId))["status"]!.GetValue<string>());
        Assert.NotNull(await FindLinkAsync(mapped.SourceProductId)); // and follows its Source again when it is back
        await EventuallyAsync(async () => (await Get<ActivityLog>().QueryAsync(new ActivityQuery { Kind = ActivityKind.ProductUpdate })).Entries
            .Any(e => e.Message.Contains("is archived in Urban Threads; its listing in Northwind Outlet was kept with stock 0", StringComparison.Ordinal)),
            "the mapped listing's fate is in the Activity Log");
    }

    [Fact]
    public async Task SettingsThatWouldDeleteOrDraftCopiesOrOverwriteMappedListingsAreShownBeforeTheyAreSaved()
    {
        var synced = await SyncAsync();
        var (mapped, _) = await MapOneAsync();
        var urban = await ConnectionAsync("Urban Threads");
        var preview = Get<ISettingsChangePreview>();
        Assert.False((await preview.PreviewAsync(urban.Id, SourceSettings.Of(urban) with { DeletePolicy = SourceDeletePolicy.Delete })).NeedsConfirmation);

        foreach (var link in new[] { synced, mapped })
        {
            await PutProductAsync("urban-threads", link.SourceProductId, new { id = link.SourceProductId, status = "draft" });
        }
        string syncedTitle, mappedTitle;
        await using (var db = await DbAsync())
        {
            syncedTitle = await db.Products.Where(p => p.StoreId == urban.Id && p.ExternalId == synced.SourceProductId).Select(p => p.Title).SingleAsync();
            mappedTitle = await db.Products.Where(p => p.StoreId == urban.Id && p.ExternalId == mapped.SourceProductId).Select(p => p.Title).SingleAsync();
        }
        await EventuallyAsync(async () => (await preview.PreviewAsync(urban.Id, SourceSettings.Of(urban) with { DeletePolicy = SourceDeletePolicy.SetToDraft }))
            .CopiesSetToDraft.Count == 2, "the mirror knows both Source products are draft");

        var delete = await preview.PreviewAsync(urban.Id, SourceSettings.Of(urban) with { DeletePolicy = SourceDeletePolicy.Delete });
        Assert.Equal([syncedTitle], delete.CopiesDeleted); // the mapped listing is kept (with stock 0), never deleted
        Assert.Empty(delete.CopiesSetToDraft);
        Assert.StartsWith($"1 synced copy will be deleted from the Destination now, because the Source product is draft or archived: \"{syncedTitle}\".",
            Assert.Single(delete.Consequences()), StringComparison.Ordinal);
        var draft = await preview.PreviewAsync(urban.Id, SourceSettings.Of(urban) with { DeletePolicy = SourceDeletePolicy.SetToDraft });
        Assert.Equal(new[] { syncedTitle, mappedTitle }.Order(StringComparer.CurrentCulture), draft.CopiesSetToDraft);
        var fields = await preview.PreviewAsync(urban.Id, SourceSettings.Of(urban) with { MappedFields = ProductFieldSync.Title | ProductFieldSync.Vendor });
        Assert.Equal((ProductFieldSync.Title | ProductFieldSync.Vendor, 1), (fields.MappedFieldsTurnedOn, fields.MappedListings));
        Assert.Equal("The title and vendor of 1 mapped listing (your own listings) will be overwritten with the Source's.", Assert.Single(fields.Consequences()));
        Assert.False((await preview.PreviewAsync(urban.Id, SourceSettings.Of(urban) with { PriceRule = new PriceRule(10, 0) })).NeedsConfirmation);

        // Once "Set to draft" has drafted both, leaving it gives them their status back: that is said too.
        await Get<StoreConnectionService>().UpdateSettingsAsync(urban.Id, SourceSettings.Of(urban) with { DeletePolicy = SourceDeletePolicy.SetToDraft });
        await EventuallyAsync(async () =>
        {
            await using var db = await DbAsync();
            return await db.ProductLinks.CountAsync(l => l.PausedFromStatus != null) == 2;
        }, "both Destination products are drafted");
        urban = await ConnectionAsync("Urban Threads");
        var toDelete = await preview.PreviewAsync(urban.Id, SourceSettings.Of(urban) with { DeletePolicy = SourceDeletePolicy.Delete });
        Assert.Equal([syncedTitle], toDelete.CopiesDeleted);
        Assert.Equal([mappedTitle], toDelete.ListingsRestored); // a mapped listing is kept (stock 0), no longer drafted
        Assert.Contains($"1 Destination product set to draft by the current setting will get their status back now (their stock stays 0 while the Source " +
            $"product is not active): \"{mappedTitle}\".", toDelete.Consequences());
        var toKeep = await preview.PreviewAsync(urban.Id, SourceSettings.Of(urban) with { DeletePolicy = SourceDeletePolicy.KeepAndZeroStock });
        Assert.Equal(new[] { syncedTitle, mappedTitle }.Order(StringComparer.CurrentCulture), toKeep.ListingsRestored);
    }

    [Fact]
    public async Task SyncRefusesAProductItsSourcesSettingsWouldDeleteAtOnce()
    {
        var urban = await ConnectionAsync("Urban Threads");
        await Get<StoreConnectionService>().UpdateSettingsAsync(urban.Id, SourceSettings.Of(urban) with { DeletePolicy = SourceDeletePolicy.Delete });
        var product = await SyncableAsync(urban.Id);
        await PutProductAsync("urban-threads", product.ExternalId, new { id = product.ExternalId, status = "draft" });
        await EventuallyAsync(async () =>
        {
            await using var db = await DbAsync();
            return await db.Products.AnyAsync(p => p.Id == product.Id && p.Status == "draft");
        }, "the mirror knows the product is draft");
        var before = Dashboard.DemoStore("northwind-outlet").ProductCount;

        var result = await Get<Core.Syncing.ProductSyncService>().SyncAsync(product.Id);

        Assert.False(result.Succeeded);
        Assert.Equal($"Not synced: \"{product.Title}\" is draft in Urban Threads, and Urban Threads's settings delete the copies of products that are not active. " +
            "Make it active there, or choose another setting on the Stores page.", result.Message);
        Assert.Equal(before, Dashboard.DemoStore("northwind-outlet").ProductCount);
        Assert.Null(await FindLinkAsync(product.ExternalId));
    }

    [Fact]
    public async Task TheIndividualMapperSaysWhenTheSourceProductIsDraft()
    {
        var line = (await Get<BulkMapper>().RunAsync(dryRun: true)).Lines.First(l => l.Outcome == MappingOutcome.Mapped && l.SourceStoreId == 2);
        await PutProductAsync("urban-threads", line.SourceProductId!.Value, new { id = line.SourceProductId, status = "draft" });
        long sourceId = 0, targetId = 0;
        await EventuallyAsync(async () =>
        {
            await using var db = await DbAsync();
            sourceId = await db.Products.Where(p => p.StoreId == 2 && p.ExternalId == line.SourceProductId && p.Status == "draft").Select(p => p.Id).FirstOrDefaultAsync();
            targetId = await db.Products.Where(p => p.StoreId == 1 && p.ExternalId == line.DestinationProductId).Select(p => p.Id).FirstOrDefaultAsync();
            return sourceId != 0;
        }, "the mirror knows the Source product is draft");

        var proposal = await Get<IndividualMapper>().ProposeAsync(sourceId, targetId);

        Assert.Equal($"\"{line.SourceTitle}\" is draft in Urban Threads: until it is active there, this listing's stock is held at 0.", proposal.SourceWarning);
        var active = await Get<BulkMapper>().RunAsync(dryRun: true); // the Bulk Mapper says the same in its own words
        Assert.Contains("but it is draft in the Source: until it is active again, this listing's stock is held at 0.",
            active.Lines.Single(l => l.DestinationProductId == line.DestinationProductId).Reason);
    }

    private bool Exists(string store, long productId)
    {
        try
        {
            Dashboard.DemoStore(store).Catalogue.GetProduct(productId);
            return true;
        }
        catch (DemoStoreNotFoundException)
        {
            return false;
        }
    }

    [Fact]
    public async Task ASourceProductDeletedWithoutAWebhookIsNoticedByTheReconciliation()
    {
        var link = await SyncAsync();
        var urban = Dashboard.DemoStore("urban-threads");
        urban.Faults.WebhookDropRate = 1; // products/delete never arrives
        var title = (await ProductAsync("urban-threads", link.SourceProductId))["title"]!.GetValue<string>();
        using (var http = Store("urban-threads"))
        using (var deleted = await http.DeleteAsync($"products/{link.SourceProductId}.json"))
        {
            Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        }

        await EventuallyAsync(async () => await FindLinkAsync(link.SourceProductId) is null, "the link ends");
        Assert.All(link.Variants, p => Assert.Equal(0, DestinationStock(p.DestinationInventoryItemId)));
        Assert.Equal(title, (await ProductAsync("northwind-outlet", link.DestinationProductId))["title"]!.GetValue<string>()); // kept
        await EventuallyAsync(async () => (await Get<ActivityLog>().QueryAsync(new ActivityQuery { Kind = ActivityKind.ProductDeleted })).Entries
            .Any(e => e.Message == $"\"{title}\" was deleted in Urban Threads; its copy in Northwind Outlet was kept with stock 0."),
            "the deletion is in the Activity Log");
        Assert.True(urban.WebhookDeliveries.Dropped > 0);
    }

    [Fact]
    public async Task AMappedProductKeepsTheMerchantsOwnFieldsByDefault()
    {
        var (link, line) = await MapOneAsync();
        await EventuallyAsync(async () => (await LinkOfSourceAsync(link.SourceProductId)).State == LinkState.InStep, "the new link is in step");
        var before = await ProductAsync("northwind-outlet", line.DestinationProductId);
        var source = await ProductAsync("urban-threads", link.SourceProductId);

        // The supplier adds a tag, renames the product, changes a price and its stock.
        var changedAt = DateTimeOffset.UtcNow;
        var variantId = source["variants"]![0]!["id"]!.GetValue<long>();
        await PutProductAsync("urban-threads", link.SourceProductId, new
        {
            id = link.SourceProductId,
            title = "Renamed by the supplier",
            tags = source["tags"]!.GetValue<string>() + ", supplier-tag",
            variants = new[] { new { id = variantId, price = "999.00" } },
        });
        await SetStockAsync("urban-threads", link.Variants[0].SourceInventoryItemId, 21);
        await EventuallyAsync(() => DestinationStock(link.Variants[0].DestinationInventoryItemId) == 21, "stock follows");
        await VerifiedSinceAsync(link.SourceProductId, changedAt);

        var after = await ProductAsync("northwind-outlet", line.DestinationProductId);
        foreach (var field in new[] { "title", "body_html", "tags", "vendor", "product_type" })
        {
            Assert.Equal(before[field]?.ToJsonString(), after[field]?.ToJsonString());
        }
        Assert.Equal(before["variants"]!.AsArray().Select(v => (v!["price"]!.ToJsonString(), v["compare_at_price"]?.ToJsonString())),
            after["variants"]!.AsArray().Select(v => (v!["price"]!.ToJsonString(), v["compare_at_price"]?.ToJsonString())));
    }

    [Fact]
    public async Task ThePriceRuleAppliesAtSyncAndOnEveryPriceUpdate()
    {
        var urban = await ConnectionAsync("Urban Threads");
        var rule = new PriceRule(20, 0, PriceRounding.To99, CompareAtPriceMode.Clear);
        await Get<StoreConnectionService>().UpdateSettingsAsync(urban.Id, SourceSettings.Of(urban) with { PriceRule = rule });

        var link = await SyncAsync();
        var source = await ProductAsync("urban-threads", link.SourceProductId);
        var copy = await ProductAsync("northwind-outlet", link.DestinationProductId);
        var sourcePrices = source["variants"]!.AsArray().Select(v => decimal.Parse(v!["price"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(sourcePrices.Select(rule.Apply), copy["variants"]!.AsArray().Select(v => decimal.Parse(v!["price"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture)));
        Assert.All(copy["variants"]!.AsArray(), v => Assert.Null(v!["compare_at_price"]));

        var variantId = source["variants"]![0]!["id"]!.GetValue<long>();
        await PutProductAsync("urban-threads", link.SourceProductId, new { id = link.SourceProductId, variants = new[] { new { id = variantId, price = "40.00", compare_at_price = "55.00" } } });

        // 40.00 + 20% = 48.00, up to the next .99 = 48.99; the compare-at price is cleared by the rule.
        await EventuallyAsync(async () => (await ProductAsync("northwind-outlet", link.DestinationProductId))["variants"]![0]!["price"]!.GetValue<string>() == "48.99",
            "the new price goes through the rule", seconds: 20);
        Assert.Null((await ProductAsync("northwind-outlet", link.DestinationProductId))["variants"]![0]!["compare_at_price"]);
    }
}
