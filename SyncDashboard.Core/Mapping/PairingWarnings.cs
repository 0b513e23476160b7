using SyncDashboard.Core.Catalogue;

namespace SyncDashboard.Core.Mapping;

/// <summary>
/// What the merchant should know about the variant pairs they chose in the Individual Mapper before
/// saving (pure). Map links by identical SKUs; the Individual Mapper lets the merchant pair by hand,
/// so a pair whose SKUs differ, or a variant without SKU, is allowed but said out loud: the
/// Destination variant's stock will follow a Source variant that does not carry its SKU.
/// </summary>
public static class PairingWarnings
{
    /// <summary>One sentence per pair whose SKUs differ or are missing; empty when every pair shares its SKU.</summary>
    public static IReadOnlyList<string> For(IReadOnlyList<MappingVariant> sourceVariants, IReadOnlyList<MappingVariant> destinationVariants,
        IEnumerable<VariantPair> pairs)
    {
        var sources = sourceVariants.ToDictionary(v => v.Id);
        var destinations = destinationVariants.ToDictionary(v => v.Id);
        var warnings = new List<string>();
        foreach (var pair in pairs)
        {
            if (pair.DestinationVariantId is not { } destinationId
                || !sources.TryGetValue(pair.SourceVariantId, out var source) || !destinations.TryGetValue(destinationId, out var destination))
            {
                continue;
            }
            var from = CatalogueMirror.NormalizeSku(source.Sku);
            var to = CatalogueMirror.NormalizeSku(destination.Sku);
            if (from is null || to is null)
            {
                warnings.Add($"\"{source.Title}\" ({Sku(source)}) is paired with \"{destination.Title}\" ({Sku(destination)}): without SKUs on both, nothing confirms they are the same item.");
            }
            else if (from != to)
            {
                warnings.Add($"SKU {source.Sku} is paired with SKU {destination.Sku}: the Destination variant's stock will follow a Source variant with another SKU.");
            }
        }
        return warnings;
    }

    private static string Sku(MappingVariant variant) => string.IsNullOrWhiteSpace(variant.Sku) ? "no SKU" : $"SKU {variant.Sku}";
}
