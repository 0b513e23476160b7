using SyncDashboard.Core.Catalogue;
using SyncDashboard.Core.Stores;

namespace SyncDashboard.Tests.Engine;

/// <summary>
/// With every webhook lost and no periodic reconciliation pass, the catalogue sweep alone (which reads
/// what each store changed since its last sweep) brings stock changed on either side back in step.
/// </summary>
public abstract class SweepConvergenceTests(StoreApi adapter) : ConvergenceTestBase(adapter)
{
    /// <summary>These tests over the GraphQL Admin API.</summary>
    public sealed class GraphQL() : SweepConvergenceTests(StoreApi.GraphQL);

    /// <summary>These tests over the REST Admin API.</summary>
    public sealed class Rest() : SweepConvergenceTests(StoreApi.Rest);

    protected override IDictionary<string, string?> Settings
    {
        get
        {
            var settings = base.Settings;
            settings["Reconciliation:Interval"] = "01:00:00";
            settings["Reconciliation:VerifyEvery"] = "1.00:00:00";
            settings["SyncDashboard:SweepInterval"] = "00:00:01";
            return settings;
        }
    }

    [Fact]
    public async Task StockChangedOnEitherSideWithItsWebhookLostIsFoundByTheSweep()
    {
        var link = await SyncAsync();
        await EventuallyAsync(async () => (await LinkOfSourceAsync(link.SourceProductId)).State == LinkState.InStep, "the new link is in step");
        var pair = link.Variants[0];
        Dashboard.DemoStore("northwind-outlet").Faults.WebhookDropRate = 1;
        Dashboard.DemoStore("urban-threads").Faults.WebhookDropRate = 1;
        var expected = SourceStock("urban-threads", pair.SourceInventoryItemId);

        // By hand at the Destination (or by another app), its webhook lost.
        await SetStockAsync("northwind-outlet", pair.DestinationInventoryItemId, expected + 500);
        await EventuallyAsync(() => DestinationStock(pair.DestinationInventoryItemId) == expected, "the hand-set Destination level is repaired", seconds: 20);

        // At the Source, its webhook lost.
        await SetStockAsync("urban-threads", pair.SourceInventoryItemId, expected + 3);
        await EventuallyAsync(() => DestinationStock(pair.DestinationInventoryItemId) == SourceStock("urban-threads", pair.SourceInventoryItemId),
            "the Source's new level reaches the Destination", seconds: 20);
    }
}
