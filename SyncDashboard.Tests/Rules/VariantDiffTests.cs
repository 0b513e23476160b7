using SyncDashboard.Core.Linking;
using SyncDashboard.Core.Reconciliation;
using SyncDashboard.Core.Stores;

namespace SyncDashboard.Tests.Rules;

public sealed class VariantDiffTests
{
    [Fact]
    public void SourceVariantsAreKeptAddedOrRemovedByTheirId()
    {
        var pairs = new[] { Pair(1, "A"), Pair(2, "B"), Pair(3, "C") };
        var source = new[] { Variant(1, "A"), Variant(3, "C-renamed"), Variant(4, "D") };

        var diff = VariantDiff.Compare(source, pairs);

        Assert.True(diff.Changed);
        Assert.Equal([1L, 3L], diff.Kept.Select(k => k.Source.Id));
        Assert.Equal(4, Assert.Single(diff.Added).Id);
        Assert.Equal(2, Assert.Single(diff.Removed).SourceVariantId);
    }

    [Fact]
    public void TheSameVariantsAreNoChange() =>
        Assert.False(VariantDiff.Compare([Variant(1, "A")], [Pair(1, "A")]).Changed);

    [Fact]
    public void NamesSayWhichVariant()
    {
        Assert.Equal("SKU A-1", VariantDiff.Name(" A-1 "));
        Assert.Equal("a variant without SKU (Red)", VariantDiff.Name(null, "Red"));
    }

    internal static VariantLink Pair(long sourceVariantId, string sku) => new()
    {
        Id = sourceVariantId * 100,
        SourceVariantId = sourceVariantId,
        SourceInventoryItemId = sourceVariantId + 1000,
        DestinationVariantId = sourceVariantId + 500,
        DestinationInventoryItemId = sourceVariantId + 1500,
        Sku = sku,
    };

    internal static StoreVariant Variant(long id, string sku, int quantity = 5, decimal price = 10m) => new()
    {
        Id = id,
        Sku = sku,
        Title = sku,
        InventoryItemId = id + 1000,
        InventoryQuantity = quantity,
        Price = price,
        InventoryPolicy = "deny",
    };
}
