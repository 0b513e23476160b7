using SyncDashboard.Core.Mapping;

namespace SyncDashboard.Tests.Rules;

/// <summary>The Individual Mapper's warnings about hand-made pairs, pure.</summary>
public sealed class PairingWarningsTests
{
    private static readonly MappingVariant[] Source = [new(1, "S", "LS-S", 4), new(2, "M", "LS-M", 7), new(3, "L", null, 1)];
    private static readonly MappingVariant[] Destination = [new(11, "S", " ls-s ", 0), new(12, "M", "OTHER-M", 0), new(13, "L", "LS-L", 0)];

    [Fact]
    public void PairsSharingTheirSkuNeedNoWarning() =>
        Assert.Empty(PairingWarnings.For(Source, Destination, [new VariantPair(1, 11), new VariantPair(2, null)]));

    [Fact]
    public void DifferentOrMissingSkusAreSaidOutLoud()
    {
        var warnings = PairingWarnings.For(Source, Destination, [new VariantPair(1, 11), new VariantPair(2, 12), new VariantPair(3, 13)]);

        Assert.Equal(
        [
            "SKU LS-M is paired with SKU OTHER-M: the Destination variant's stock will follow a Source variant with another SKU.",
            "\"L\" (no SKU) is paired with \"L\" (SKU LS-L): without SKUs on both, nothing confirms they are the same item.",
        ], warnings);
    }
}
