using SyncDashboard.Core.Connections;
using SyncDashboard.Core.Linking;
using SyncDashboard.Core.Reconciliation;
using SyncDashboard.Core.Stores;
using static SyncDashboard.Tests.Rules.DesiredStateTests;
using static SyncDashboard.Tests.Rules.VariantDiffTests;

namespace SyncDashboard.Tests.Rules;

/// <summary>What a reconciliation writes: only what differs.</summary>
public sealed class RepairPlanTests
{
    private static readonly LinkSettings Synced = new(ProductFieldSync.SyncedDefault, PriceRule.Unchanged, SourceDeletePolicy.KeepAndZeroStock);

    [Fact]
    public void NothingDiffersNothingIsWritten()
    {
        var link = Link(LinkKind.Synced, Pair(1, "A"));
        var source = Product(Variant(1, "A"));
        link.AppliedImagesKey = RepairPlan.ImagesKey(source.Images.Select(i => i.Src));
        var desired = DesiredState.For(link, new SourceSnapshot(source, Available((1001, 5))), Synced);

        var plan = RepairPlan.Between(desired, link, Copy(source), Levels((1501, 5)));

        Assert.True(plan.IsEmpty);
        Assert.Empty(plan.Changes);
    }

    [Fact]
    public void AStockChangeAloneWritesTheStockOnly()
    {
        var link = Link(LinkKind.Synced, Pair(1, "A"));
        var source = Product(Variant(1, "A"));
        link.AppliedImagesKey = RepairPlan.ImagesKey(source.Images.Select(i => i.Src));
        var desired = DesiredState.For(link, new SourceSnapshot(source, Available((1001, 4))), Synced);

        var plan = RepairPlan.Between(desired, link, Copy(source), Levels((1501, 9)));

        Assert.Null(plan.Update); // no title, no price pushed for a stock change
        var change = Assert.Single(plan.Stock);
        Assert.Equal((9, 4), (change.From, change.To));
        Assert.Equal(["stock of 1 variant"], plan.Changes);
    }

    [Fact]
    public void OnlyTheFieldsThatDifferArePushed()
    {
        var link = Link(LinkKind.Synced, Pair(1, "A"));
        var source = Product(Variant(1, "A", price: 30m)) with { Title = "New title", Tags = ["Summer", "sale"] };
        link.AppliedImagesKey = RepairPlan.ImagesKey(source.Images.Select(i => i.Src));
        var desired = DesiredState.For(link, new SourceSnapshot(source, Available((1001, 5))), Synced);
        var actual = Copy(Product(Variant(1, "A", price: 20m))) with { Tags = ["sale", "summer"] };

        var plan = RepairPlan.Between(desired, link, actual, Levels((1501, 5)));

        Assert.Equal("New title", plan.Update!.Title);
        Assert.Null(plan.Update.Tags); // the same tags, in another order and case
        Assert.Null(plan.Update.DescriptionHtml);
        Assert.Equal(new StoreVariantPrices(30m, null), Assert.Single(plan.Update.Variants!).Prices);
        Assert.Empty(plan.Stock);
    }

    [Fact]
    public void TrackingAndPolicyAreRepairedBeforeStock()
    {
        var link = Link(LinkKind.Synced, Pair(1, "A"), Pair(2, "B"));
        var source = Product(Variant(1, "A") with { InventoryTracked = false }, Variant(2, "B") with { InventoryPolicy = "continue" });
        link.AppliedImagesKey = RepairPlan.ImagesKey(source.Images.Select(i => i.Src));
        var desired = DesiredState.For(link, new SourceSnapshot(source, Available((1002, 3))), Synced);
        var actual = Copy(Product(Variant(1, "A"), Variant(2, "B")));

        var plan = RepairPlan.Between(desired, link, actual, Levels((1501, 0), (1502, 3)));

        var updates = plan.Update!.Variants!;
        Assert.Equal(false, updates.Single(u => u.VariantId == 501).InventoryTracked);
        Assert.Equal("continue", updates.Single(u => u.VariantId == 502).InventoryPolicy);
        Assert.Empty(plan.Stock); // the untracked one has no quantity to set
    }

    [Fact]
    public void ImagesArePushedWhenTheSourcesChangedOrTheCopyLostSome()
    {
        var link = Link(LinkKind.Synced, Pair(1, "A"));
        var source = Product(Variant(1, "A"));
        var desired = DesiredState.For(link, new SourceSnapshot(source, Available((1001, 5))), Synced);
        // The store re-hosts images: the copy's addresses differ, and that alone is no difference.
        var rehosted = Copy(source) with { Images = [new StoreImage(9, "https://cdn.shopify.example/abc.jpg", null, 1)] };

        link.AppliedImagesKey = RepairPlan.ImagesKey(["https://cdn.example/1.jpg"]);
        Assert.Null(RepairPlan.Between(desired, link, rehosted, Levels((1501, 5))).Update);

        link.AppliedImagesKey = RepairPlan.ImagesKey(["https://cdn.example/old.jpg"]);
        var changed = RepairPlan.Between(desired, link, rehosted, Levels((1501, 5)));
        Assert.Equal(["https://cdn.example/1.jpg"], changed.Update!.ImageSources);
        Assert.Equal(RepairPlan.ImagesKey(["https://cdn.example/1.jpg"]), changed.AppliedImagesKey);
    }

    [Fact]
    public void AVariantDeletedByHandFromASyncedCopyIsAddedAgain()
    {
        var link = Link(LinkKind.Synced, Pair(1, "A"), Pair(2, "B"));
        var source = Product(Variant(1, "A"), Variant(2, "B"));
        link.AppliedImagesKey = RepairPlan.ImagesKey(source.Images.Select(i => i.Src));
        var desired = DesiredState.For(link, new SourceSnapshot(source, Available((1001, 1), (1002, 2))), Synced);
        var actual = Copy(Product(Variant(1, "A")));

        var plan = RepairPlan.Between(desired, link, actual, Levels((1501, 1)));

        Assert.Equal(2, Assert.Single(plan.DropPairs).SourceVariantId);
        Assert.Equal(2, Assert.Single(plan.CreateVariants).Id);
    }

    [Fact]
    public void ALegacyMarkerTagIsMovedToTheMetafield()
    {
        var link = Link(LinkKind.Mapped, Pair(1, "A"));
        var source = Product(Variant(1, "A"));
        var desired = DesiredState.For(link, new SourceSnapshot(source, Available((1001, 5))), Synced with { Fields = ProductFieldSync.None });
        var actual = Copy(source) with { Tags = ["summer", "syncdashboard-source-2-500"] };

        var plan = RepairPlan.Between(desired, link, actual, Levels((1501, 5)));

        Assert.True(plan.MigrateMarker);
        Assert.Equal(["summer"], plan.Update!.Tags);
    }

    [Fact]
    public void TheCopyDeletedAtTheDestinationEndsTheLink()
    {
        var link = Link(LinkKind.Synced, Pair(1, "A"));
        var desired = DesiredState.For(link, new SourceSnapshot(Product(Variant(1, "A")), Available((1001, 5))), Synced);

        var plan = RepairPlan.Between(desired, link, actual: null, Levels());

        Assert.True(plan.DestinationGone && plan.Unlink);
    }

    [Fact]
    public void PausingRemembersTheStatusToRestore()
    {
        var link = Link(LinkKind.Synced, Pair(1, "A"));
        var archived = Product(Variant(1, "A")) with { Status = "archived" };
        var settings = Synced with { DeletePolicy = SourceDeletePolicy.SetToDraft };
        var desired = DesiredState.For(link, new SourceSnapshot(archived, Available((1001, 5))), settings);

        var plan = RepairPlan.Between(desired, link, Copy(Product(Variant(1, "A"))), Levels((1501, 5)));

        Assert.Equal("draft", plan.Update!.Status);
        Assert.Equal("active", plan.PausedFromStatus);
    }

    [Fact]
    public void AListingDraftedByThePolicyIsRestoredWhenThePolicyNoLongerDraftsIt()
    {
        // A mapped listing set to draft while its Source product is archived; then the setting becomes Delete,
        // which keeps a mapped listing with stock 0 rather than drafting it.
        var link = Link(LinkKind.Mapped, Pair(1, "A"));
        link.PausedFromStatus = "active";
        var archived = Product(Variant(1, "A")) with { Status = "archived" };
        var source = new Core.Connections.StoreConnection { Name = "Urban Threads", BaseUrl = "http://127.0.0.1:5102", ProtectedAccessToken = "", ProtectedWebhookSecret = "",
            DeletePolicy = SourceDeletePolicy.Delete, MappedFields = Core.Connections.ProductFieldSync.None };
        var desired = DesiredState.For(link, new SourceSnapshot(archived, Available((1001, 5))), LinkSettings.For(source, LinkKind.Mapped));

        var plan = RepairPlan.Between(desired, link, Copy(Product(Variant(1, "A"))) with { Status = "draft" }, Levels((1501, 0)));

        Assert.Equal("active", plan.Update!.Status);
        Assert.Null(plan.PausedFromStatus);
        Assert.All(desired.Variants, v => Assert.Equal(0, v.Available)); // still sells nothing while the Source product is archived
    }

    /// <summary>The Destination copy of a Source product as a store would return it (ids shifted by 500 for variants and items).</summary>
    private static StoreProduct Copy(StoreProduct source) => source with
    {
        Id = 900,
        Variants = [.. source.Variants.Select(v => v with { Id = v.Id + 500, InventoryItemId = v.Id + 1500, InventoryTracked = true, InventoryPolicy = "deny" })],
    };

    private static Dictionary<long, int> Levels(params (long Item, int Quantity)[] levels) => levels.ToDictionary(l => l.Item, l => l.Quantity);
}
