using SyncDashboard.Core.Connections;
using SyncDashboard.Core.Linking;
using SyncDashboard.Core.Reconciliation;
using SyncDashboard.Core.Stores;
using static SyncDashboard.Tests.Rules.VariantDiffTests;

namespace SyncDashboard.Tests.Rules;

/// <summary>The desired-state rules, pure and fast: what a linked Destination product should be.</summary>
public sealed class DesiredStateTests
{
    private static readonly LinkSettings SyncedDefaults = new(ProductFieldSync.SyncedDefault, PriceRule.Unchanged, SourceDeletePolicy.KeepAndZeroStock);
    private static readonly LinkSettings MappedDefaults = new(ProductFieldSync.MappedDefault, PriceRule.Unchanged, SourceDeletePolicy.KeepAndZeroStock);

    [Fact]
    public void StockFollowsTheSourceQuantityUnderTheRuleAndThePolicyIsCopied()
    {
        var link = Link(LinkKind.Synced, Pair(1, "A"), Pair(2, "B"));
        var source = Product(Variant(1, "A") with { InventoryPolicy = "continue" }, Variant(2, "B"));

        var desired = DesiredState.For(link, new SourceSnapshot(source, Available((1001, 7), (1002, 0))), SyncedDefaults);

        Assert.Equal([7, 0], desired.Variants.Select(v => v.Available));
        Assert.Equal(["continue", "deny"], desired.Variants.Select(v => v.InventoryPolicy));
        Assert.All(desired.Variants, v => Assert.True(v.Tracked));
    }

    [Fact]
    public void AnUntrackedSourceVariantGivesAnUntrackedCopyNeverZeroAndDeny()
    {
        var link = Link(LinkKind.Synced, Pair(1, "A"));
        var source = Product(Variant(1, "A") with { InventoryTracked = false, InventoryPolicy = "deny" });

        var wanted = Assert.Single(DesiredState.For(link, new SourceSnapshot(source, Available()), SyncedDefaults).Variants);

        Assert.False(wanted.Tracked);
        Assert.Null(wanted.Available);
    }

    [Fact]
    public void MappedProductsFollowStockOnlyByDefault()
    {
        var link = Link(LinkKind.Mapped, Pair(1, "A"));
        var source = Product(Variant(1, "A", price: 22.00m)) with { Title = "Supplier's title", Tags = ["new-tag"] };

        var desired = DesiredState.For(link, new SourceSnapshot(source, Available((1001, 4))), MappedDefaults);

        Assert.Null(desired.Title);
        Assert.Null(desired.DescriptionHtml);
        Assert.Null(desired.Tags);
        Assert.Null(desired.ImageSources);
        Assert.Null(desired.Vendor);
        Assert.Null(Assert.Single(desired.Variants).Prices); // the merchant's own price stays
        Assert.Equal(4, desired.Variants[0].Available);
    }

    [Fact]
    public void SyncedProductsFollowTheSwitchedOnFieldsWithPricesThroughTheRule()
    {
        var link = Link(LinkKind.Synced, Pair(1, "A"));
        var source = Product(Variant(1, "A", price: 19.90m) with { CompareAtPrice = 25m }) with { Vendor = "Acme", ProductType = "Shirts" };
        var settings = SyncedDefaults with
        {
            Fields = ProductFieldSync.Title | ProductFieldSync.Prices | ProductFieldSync.Vendor,
            Prices = new PriceRule(20, 0, PriceRounding.To99, CompareAtPriceMode.SameRule),
        };

        var desired = DesiredState.For(link, new SourceSnapshot(source, Available((1001, 1))), settings);

        Assert.Equal("Source title", desired.Title);
        Assert.Equal("Acme", desired.Vendor);
        Assert.Null(desired.ProductType);
        Assert.Null(desired.Tags);
        // 19.90 + 20% = 23.88, up to .99; compare-at 25 + 20% = 30.00, up to the next .99.
        Assert.Equal(new StoreVariantPrices(23.99m, 30.99m), desired.Variants[0].Prices);
    }

    [Fact]
    public void ASyncedCopyGainsAddedVariantsAndLosesRemovedOnes()
    {
        var link = Link(LinkKind.Synced, Pair(1, "A"), Pair(2, "B"));
        var source = Product(Variant(1, "A"), Variant(3, "C"));

        var desired = DesiredState.For(link, new SourceSnapshot(source, Available((1001, 1), (1003, 9))), SyncedDefaults);

        Assert.Equal(3, Assert.Single(desired.VariantsToAdd).Id);
        Assert.Equal(2, Assert.Single(desired.VariantsToRemove).SourceVariantId);
        Assert.Empty(desired.OutOfStepReasons);
    }

    [Fact]
    public void AMappedLinkIsOutOfStepAndARemovedVariantIsSoldOut()
    {
        var link = Link(LinkKind.Mapped, Pair(1, "A"), Pair(2, "B"));
        var source = Product(Variant(1, "A"), Variant(3, "C"));

        var desired = DesiredState.For(link, new SourceSnapshot(source, Available((1001, 1), (1003, 9))), MappedDefaults);

        Assert.Equal(["Source added SKU C", "Source removed SKU B"], desired.OutOfStepReasons);
        Assert.Empty(desired.VariantsToAdd);
        Assert.Empty(desired.VariantsToRemove);
        var removed = desired.Variants.Single(v => v.Link.SourceVariantId == 2);
        Assert.Equal((true, 0, "deny"), (removed.Tracked, removed.Available, removed.InventoryPolicy));
    }

    [Theory]
    [InlineData("archived")]
    [InlineData("draft")]
    public void AnUnavailableSourceProductAppliesTheDeletionPolicy(string status)
    {
        var link = Link(LinkKind.Synced, Pair(1, "A"));
        var source = Product(Variant(1, "A")) with { Status = status };
        var snapshot = new SourceSnapshot(source, Available((1001, 5)));

        var keep = DesiredState.For(link, snapshot, SyncedDefaults);
        Assert.Equal(SourceCondition.Unavailable, keep.Source);
        Assert.Equal(0, Assert.Single(keep.Variants).Available);
        Assert.False(keep.Delete || keep.Unlink);

        var draft = DesiredState.For(link, snapshot, SyncedDefaults with { DeletePolicy = SourceDeletePolicy.SetToDraft });
        Assert.Equal("draft", draft.Status);
        Assert.Equal(5, draft.Variants[0].Available);
        Assert.False(draft.Unlink);

        var delete = DesiredState.For(link, snapshot, SyncedDefaults with { DeletePolicy = SourceDeletePolicy.Delete });
        Assert.True(delete.Delete && delete.Unlink);
    }

    [Fact]
    public void TheDeletePolicyNeverDeletesAMappedListing()
    {
        var source = new StoreConnection { Name = "Urban Threads", BaseUrl = "http://127.0.0.1:5102", ProtectedAccessToken = "", ProtectedWebhookSecret = "", DeletePolicy = SourceDeletePolicy.Delete };

        Assert.Equal(SourceDeletePolicy.Delete, LinkSettings.For(source, LinkKind.Synced).DeletePolicy);
        Assert.Equal(SourceDeletePolicy.KeepAndZeroStock, LinkSettings.For(source, LinkKind.Mapped).DeletePolicy);
        source.DeletePolicy = SourceDeletePolicy.SetToDraft;
        Assert.Equal(SourceDeletePolicy.SetToDraft, LinkSettings.For(source, LinkKind.Mapped).DeletePolicy);

        source.DeletePolicy = SourceDeletePolicy.Delete;
        var gone = DesiredState.For(Link(LinkKind.Mapped, Pair(1, "A")), new SourceSnapshot(null, Available()), LinkSettings.For(source, LinkKind.Mapped));
        Assert.False(gone.Delete);
        Assert.True(gone.Unlink);
        Assert.Equal(0, Assert.Single(gone.Variants).Available);
    }

    [Fact]
    public void AGoneSourceProductEndsTheLinkAfterThePolicy()
    {
        var link = Link(LinkKind.Synced, Pair(1, "A"), Pair(2, "B"));

        var keep = DesiredState.For(link, new SourceSnapshot(null, Available()), SyncedDefaults);
        Assert.Equal(SourceCondition.Gone, keep.Source);
        Assert.True(keep.Unlink);
        Assert.All(keep.Variants, v => Assert.Equal(0, v.Available));
        Assert.Null(keep.Title);

        var draft = DesiredState.For(link, new SourceSnapshot(null, Available()), SyncedDefaults with { DeletePolicy = SourceDeletePolicy.SetToDraft });
        Assert.Equal(("draft", true), (draft.Status, draft.Unlink));

        Assert.True(DesiredState.For(link, new SourceSnapshot(null, Available()), SyncedDefaults with { DeletePolicy = SourceDeletePolicy.Delete }).Delete);
    }

    [Fact]
    public void ADraftSetByThePolicyIsLiftedWhenTheSourceIsActiveAgain()
    {
        var link = Link(LinkKind.Synced, Pair(1, "A"));
        link.PausedFromStatus = "active";

        var desired = DesiredState.For(link, new SourceSnapshot(Product(Variant(1, "A")), Available((1001, 2))), SyncedDefaults);

        Assert.Equal("active", desired.Status);
    }

    internal static ProductLink Link(LinkKind kind, params VariantLink[] pairs) =>
        new() { Id = 1, SourceStoreId = 2, SourceProductId = 500, DestinationStoreId = 1, DestinationProductId = 900, Kind = kind, Variants = [.. pairs] };

    internal static StoreProduct Product(params StoreVariant[] variants) => new()
    {
        Id = 500,
        Title = "Source title",
        DescriptionHtml = "<p>Source</p>",
        Status = "active",
        Tags = ["summer"],
        Images = [new StoreImage(1, "https://cdn.example/1.jpg", null, 1)],
        Variants = variants,
    };

    internal static Dictionary<long, int> Available(params (long Item, int Quantity)[] quantities) => quantities.ToDictionary(q => q.Item, q => q.Quantity);
}
