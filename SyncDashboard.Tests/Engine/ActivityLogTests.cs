using SyncDashboard.Core.Activity;
using SyncDashboard.Core.Catalogue;
using SyncDashboard.Core.Syncing;
using SyncDashboard.Core.Stores;

namespace SyncDashboard.Tests.Engine;

public abstract class ActivityLogTests(StoreApi adapter) : EngineTestBase(adapter)
{
    /// <summary>These tests over the GraphQL Admin API.</summary>
    public sealed class GraphQL() : ActivityLogTests(StoreApi.GraphQL);

    /// <summary>These tests over the REST Admin API.</summary>
    public sealed class Rest() : ActivityLogTests(StoreApi.Rest);

    [Fact]
    public async Task OperationsAreRecordedAndCanBeFilteredPagedAndMarkedRead()
    {
        var log = Get<ActivityLog>();
        var urban = await ConnectionAsync("Urban Threads");
        var healthy = await SyncableAsync(urban.Id);
        var missing = await MirroredAsync(urban.Id, q => q.Where(p => p.Problem == SkuProblem.MissingSku));
        var changes = 0;
        log.Changed += () => Interlocked.Increment(ref changes);
        var unreadBefore = await log.UnreadCountAsync();

        await Get<ProductSyncService>().SyncAsync(healthy.Id);
        await Get<ProductSyncService>().SyncAsync(missing.Id);

        // The refusal needs a look; the sync that went well stays in the log, read (the bell is a signal, not a feed).
        Assert.Equal(unreadBefore + 1, await log.UnreadCountAsync());
        Assert.True(changes >= 2);
        var syncs = await log.QueryAsync(new ActivityQuery { Kind = ActivityKind.Sync, StoreId = urban.Id });
        Assert.Equal(2, syncs.TotalCount);
        var success = Assert.Single((await log.QueryAsync(new ActivityQuery { Kind = ActivityKind.Sync, Severity = ActivitySeverity.Success })).Entries);
        Assert.Equal(healthy.ExternalId, success.ProductId);
        Assert.True(success.Read);
        var refusal = Assert.Single((await log.QueryAsync(new ActivityQuery { Kind = ActivityKind.Sync, UnreadOnly = true })).Entries);
        Assert.Equal(missing.ExternalId, refusal.ProductId);
        Assert.True(ActivityEntry.StartsUnread(refusal.Severity));
        Assert.Equal("Urban Threads", success.StoreName);
        var bySku = await log.QueryAsync(new ActivityQuery { Sku = healthy.Variants.OrderBy(v => v.Position).First().Sku });
        Assert.Equal(success.Id, Assert.Single(bySku.Entries).Id);
        // Part of any variant's SKU, in any case, finds the product's entry too.
        var lastSku = healthy.Variants.OrderBy(v => v.Position).Last().Sku!;
        var byPart = await log.QueryAsync(new ActivityQuery { Sku = lastSku[1..^1].ToLowerInvariant() });
        Assert.Contains(byPart.Entries, e => e.Id == success.Id);
        Assert.Equal(0, (await log.QueryAsync(new ActivityQuery { Sku = "%" })).TotalCount); // a wildcard is a character like any other
        var future = await log.QueryAsync(new ActivityQuery { From = DateTimeOffset.UtcNow.AddMinutes(1) });
        Assert.Equal(0, future.TotalCount);
        var firstPage = await log.QueryAsync(new ActivityQuery { PageSize = 1 });
        Assert.Single(firstPage.Entries);
        Assert.True(firstPage.TotalCount >= 2);

        await log.MarkReadAsync([refusal.Id]);
        Assert.Equal(unreadBefore, await log.UnreadCountAsync());
        await log.MarkReadAsync();
        Assert.Equal(0, await log.UnreadCountAsync());
    }
}
