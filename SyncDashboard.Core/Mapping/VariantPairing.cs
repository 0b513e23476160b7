using SyncDashboard.Core.Catalogue;

namespace SyncDashboard.Core.Mapping;

/// <summary>
/// Which Destination variant the Individual Mapper proposes for each Source variant (pure; issue 11,
/// "The Destination side"). First by SKU, the rule Map has always used: a Source variant whose SKU
/// (trimmed, ignoring case, <see cref="CatalogueMirror.NormalizeSku"/>) one variant of the Destination
/// product holds is paired with it. Then, for the variants left, by option values: a Source variant
/// whose option values (trimmed, ignoring case and the options' order, so "S / Black" meets
/// "black / s") no other Source variant left shares is paired with the one Destination variant left
/// that has the same values. Whatever is ambiguous stays unpaired for the merchant to choose.
/// A proposal is a proposal: the merchant may change any pair, and
/// <see cref="IIndividualMapper.ValidateAsync"/> judges what is saved (one to one, every variant
/// paired, equal variant counts); a pair whose SKUs differ is allowed there and said out loud
/// (<see cref="PairingWarnings"/>).
/// </summary>
public static class VariantPairing
{
    /// <summary>One entry per Source variant, in <paramref name="source"/>'s order; no Destination variant is proposed twice.</summary>
    public static IReadOnlyList<ProposedPair> Propose(IReadOnlyList<MappingVariant> source, IReadOnlyList<MappingVariant> destination)
    {
        var proposed = new Dictionary<long, ProposedPair>();
        var claimed = new HashSet<long>();

        var bySku = destination.Where(v => Sku(v) is not null).GroupBy(v => Sku(v)!, StringComparer.Ordinal)
            .Where(g => g.Count() == 1).ToDictionary(g => g.Key, g => g.Single().Id, StringComparer.Ordinal);
        foreach (var variant in source)
        {
            if (Sku(variant) is { } sku && bySku.TryGetValue(sku, out var id) && claimed.Add(id))
            {
                proposed[variant.Id] = new ProposedPair(variant.Id, id, PairBasis.Sku);
            }
        }

        var sourceLeft = UniqueByOptions(source.Where(v => !proposed.ContainsKey(v.Id)));
        var destinationLeft = UniqueByOptions(destination.Where(v => !claimed.Contains(v.Id)));
        foreach (var (key, variant) in sourceLeft)
        {
            if (destinationLeft.TryGetValue(key, out var match))
            {
                proposed[variant.Id] = new ProposedPair(variant.Id, match.Id, PairBasis.OptionValues);
            }
        }

        return [.. source.Select(v => proposed.GetValueOrDefault(v.Id) ?? new ProposedPair(v.Id, null, PairBasis.Unpaired))];
    }

    /// <summary>
    /// What a pair has in common, however it was made: the same SKU, else the same option values, else
    /// nothing (<see cref="PairBasis.Chosen"/>); <see cref="PairBasis.Unpaired"/> when <paramref name="destination"/> is null.
    /// </summary>
    public static PairBasis BasisOf(MappingVariant source, MappingVariant? destination) =>
        destination is null ? PairBasis.Unpaired
        : Sku(source) is { } sku && sku == Sku(destination) ? PairBasis.Sku
        : OptionKey(source) is { } key && key == OptionKey(destination) ? PairBasis.OptionValues
        : PairBasis.Chosen;

    /// <summary>
    /// The option values as pairing compares them: trimmed, upper-cased, blanks left out, in ordinal order,
    /// joined by a unit separator; null when the variant has none.
    /// </summary>
    public static string? OptionKey(MappingVariant variant)
    {
        var values = variant.OptionValues.Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v.Trim().ToUpperInvariant())
            .Order(StringComparer.Ordinal).ToList();
        return values.Count == 0 ? null : string.Join('\u001F', values);
    }

    /// <summary>The variants whose option values no other of them shares, by <see cref="OptionKey"/>.</summary>
    private static Dictionary<string, MappingVariant> UniqueByOptions(IEnumerable<MappingVariant> variants) =>
        variants.Select(v => (Key: OptionKey(v), Variant: v)).Where(v => v.Key is not null)
            .GroupBy(v => v.Key!, StringComparer.Ordinal).Where(g => g.Count() == 1)
            .ToDictionary(g => g.Key, g => g.Single().Variant, StringComparer.Ordinal);

    private static string? Sku(MappingVariant variant) => CatalogueMirror.NormalizeSku(variant.Sku);
}
