using SyncDashboard.Core.Reconciliation;
using SyncDashboard.Core.Stores;

namespace SyncDashboard.Tests.Rules;

/// <summary>The one stock rule: the chosen location, else the sum over all locations; never negative.</summary>
public sealed class StockRuleTests
{
    private static readonly StoreInventoryLevel[] Levels =
    [
        new(1, LocationId: 10, Available: 4, null),
        new(1, LocationId: 20, Available: 6, null),
        new(1, LocationId: 30, Available: null, null), // not stocked there
    ];

    [Fact]
    public void WithoutAChosenLocationItIsTheSumOverAllLocations()
    {
        Assert.Equal(10, StockRule.Available(null, null, Levels));
        Assert.Equal(10, StockRule.Available(null, 10, null)); // a product read's inventory_quantity is that sum
        Assert.False(StockRule.NeedsLevels(null));
    }

    [Fact]
    public void WithAChosenLocationItIsThatLocationOnly()
    {
        Assert.Equal(6, StockRule.Available(20, 10, Levels));
        Assert.Equal(0, StockRule.Available(40, 10, Levels)); // not stocked at the chosen location: none to sell
        Assert.Null(StockRule.Available(20, 10, null)); // the levels are needed and were not read
        Assert.True(StockRule.NeedsLevels(20));
    }

    [Fact]
    public void ANegativeSourceQuantityCountsAsZero()
    {
        Assert.Equal(0, StockRule.Available(null, -3, null));
        Assert.Equal(0, StockRule.Available(10, null, [new StoreInventoryLevel(1, 10, -2, null)]));
    }
}
