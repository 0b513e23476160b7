using SyncDashboard.Core.Stores;
using SyncDashboard.Core.Syncing;

namespace SyncDashboard.Tests.Engine;

/// <summary>
/// The backlog the dashboard shows: stock updates waiting for a failing Destination are counted with the
/// store's last error, and once it is well they are done and the pace they went at is measured.
/// </summary>
public abstract class BacklogTests(StoreApi adapter) : ConvergenceTestBase(adapter)
{
    /// <summary>These tests over the GraphQL Admin API.</summary>
    public sealed class GraphQL() : BacklogTests(StoreApi.GraphQL);

    /// <summary>These tests over the REST Admin API.</summary>
    public sealed class Rest() : BacklogTests(StoreApi.Rest);

    [Fact]
    public async Task StockUpdatesWaitingForAFailingDestinationAreCountedAndTheirPaceMeasuredOnceItIsWell()
    {
        var link = await SyncAsync();
        var variants = link.Variants.Where(v => v.SourceInventoryItemId != 0).Take(3).ToList();
        var backlog = Get<ISyncBacklog>();
        var destination = Dashboard.DemoStore("northwind-outlet");
        Assert.Equal(0, (await backlog.GetAsync()).PendingStockUpdates);

        destination.Faults.ServerErrorRate = 1;
        var quantity = 300;
        foreach (var variant in variants)
        {
            await SetStockAsync("urban-threads", variant.SourceInventoryItemId, ++quantity);
        }
        await EventuallyAsync(async () => (await backlog.GetAsync()) is { PendingStockUpdates: >= 1, LastError: not null }, "the waiting updates and why");
        var waiting = await backlog.GetAsync();
        destination.Faults.ServerErrorRate = 0;
        await EventuallyAsync(async () => (await backlog.GetAsync()).PendingStockUpdates == 0, "the backlog drained", 90);
        var drained = await backlog.GetAsync();

        Assert.NotNull(waiting.OldestWaitingSince);
        Assert.True(drained.StockUpdatesPerMinute > 0, "the pace of the last minute is known");
        Assert.Equal(TimeSpan.Zero, drained.CatchUp);
        Assert.Null(drained.LastError);
        foreach (var variant in variants)
        {
            Assert.Equal(SourceStock("urban-threads", variant.SourceInventoryItemId), DestinationStock(variant.DestinationInventoryItemId));
        }
    }
}
