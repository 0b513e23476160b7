using SyncDashboard.Core.Mapping;

namespace SyncDashboard.Tests.Rules;

/// <summary>The pairs the Individual Mapper proposes, pure: by SKU, else by option values.</summary>
public sealed class VariantPairingTests
{
    private static MappingVariant Variant(long id, string? sku, params string[] options) =>
        new(id, string.Join(" / ", options), sku, 0) { OptionValues = options };

    [Fact]
    public void IdenticalSkusArePairedBySku()
    {
        var pairs = VariantPairing.Propose(
            [Variant(1, "LS-S", "S"), Variant(2, "LS-M", "M")],
            [Variant(12, " ls-m ", "Medium"), Variant(11, "LS-S", "Small")]);

        Assert.Equal([new ProposedPair(1, 11, PairBasis.Sku), new ProposedPair(2, 12, PairBasis.Sku)], pairs);
    }

    [Fact]
    public void WhereSkusDifferTheVariantWithTheSameOptionValuesIsProposed()
    {
        var pairs = VariantPairing.Propose(
            [Variant(1, "LS-S-BLK", "S", "Black"), Variant(2, "LS-M-BLK", "M", "Black"), Variant(3, null, "L", "Black")],
            [Variant(11, "LS-S-BLK", "S", "Black"), Variant(12, "OUT-M", " black", "m "), Variant(13, "OUT-L", "L", "Black")]);

        Assert.Equal(
        [
            new ProposedPair(1, 11, PairBasis.Sku),
            new ProposedPair(2, 12, PairBasis.OptionValues), // trimmed, ignoring case and the options' order
            new ProposedPair(3, 13, PairBasis.OptionValues), // no SKU at the Source: the options still pair it
        ], pairs);
        Assert.Equal([new VariantPair(1, 11), new VariantPair(2, 12), new VariantPair(3, 13)], pairs.Select(p => p.ToVariantPair()));
    }

    [Fact]
    public void ASkuPairWinsOverOptionValuesAndNoDestinationVariantIsProposedTwice()
    {
        // The Destination's "S" carries the Source's "M" SKU: the SKU decides, and "S" is not offered again by its options.
        var pairs = VariantPairing.Propose(
            [Variant(1, "A-S", "S"), Variant(2, "A-M", "M")],
            [Variant(11, "A-M", "S"), Variant(12, "B-X", "M")]);

        Assert.Equal([new ProposedPair(1, null, PairBasis.Unpaired), new ProposedPair(2, 11, PairBasis.Sku)], pairs);
    }

    [Fact]
    public void AmbiguousOptionValuesAndMissingOnesAreLeftForTheMerchant()
    {
        var pairs = VariantPairing.Propose(
            [Variant(1, "A-1", "Red"), Variant(2, "A-2", "Red"), Variant(3, "A-3")],
            [Variant(11, "B-1", "Red"), Variant(12, "B-2", "Blue"), Variant(13, "B-3")]);

        Assert.All(pairs, p => Assert.Equal(PairBasis.Unpaired, p.Basis));
        Assert.All(pairs, p => Assert.Null(p.DestinationVariantId));
    }

    [Fact]
    public void ASkuSharedByTwoDestinationVariantsPairsNeitherBySku()
    {
        var pairs = VariantPairing.Propose([Variant(1, "DUP", "S")], [Variant(11, "DUP", "M"), Variant(12, "dup", "S")]);

        Assert.Equal([new ProposedPair(1, 12, PairBasis.OptionValues)], pairs);
    }

    [Fact]
    public void APairSaysWhatItRestsOnHoweverItWasMade()
    {
        var source = Variant(1, "LS-M", "M", "Linen");

        Assert.Equal(PairBasis.Sku, VariantPairing.BasisOf(source, Variant(11, "ls-m ", "Large")));
        Assert.Equal(PairBasis.OptionValues, VariantPairing.BasisOf(source, Variant(12, "OTHER", "linen", "M")));
        Assert.Equal(PairBasis.Chosen, VariantPairing.BasisOf(source, Variant(13, "OTHER", "L", "Linen")));
        Assert.Equal(PairBasis.Chosen, VariantPairing.BasisOf(Variant(2, null), Variant(14, null)));
        Assert.Equal(PairBasis.Unpaired, VariantPairing.BasisOf(source, null));
    }
}
