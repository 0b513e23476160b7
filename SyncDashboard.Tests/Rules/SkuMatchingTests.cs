using SyncDashboard.Core.Catalogue;

namespace SyncDashboard.Tests.Rules;

public sealed class SkuMatchingTests
{
    [Fact]
    public void SkusAreComparedTrimmedAndIgnoringCaseAndMissingOnesLeftOut() =>
        Assert.Equal(["AB-1", "CD-2"], SkuMatching.Skus([" ab-1", "AB-1 ", null, "", "cd-2"]));

    [Fact]
    public void OwnersAreTheProductsHoldingAnyOfTheSkusMostSharedFirst()
    {
        var owners = SkuMatching.Owners(["A", "B", "C"],
        [
            (1, 10, 1000, "One", "A"),
            (1, 11, 1100, "Two", "B"),
            (1, 11, 1100, "Two", "C"),
            (1, 12, 1200, "Three", "Z"),
            (1, 13, 1300, "No SKU", null),
        ]);

        Assert.Equal([11L, 10L], owners.Select(o => o.MirroredId));
        Assert.Equal(["B", "C"], owners[0].SharedSkus);
        Assert.Equal(("Two", 1100L), (owners[0].Title, owners[0].ExternalId));
    }

    [Fact]
    public void NoSharedSkuNoOwner() => Assert.Empty(SkuMatching.Owners(["A"], [(1, 10, 1000, "One", "B")]));
}
