namespace SyncDashboard.Core.Mapping;

/// <summary>What a Source variant and the Destination variant paired with it have in common (<see cref="VariantPairing"/>).</summary>
public enum PairBasis
{
    /// <summary>No Destination variant is paired with it.</summary>
    Unpaired,

    /// <summary>The same SKU (trimmed, ignoring case): the rule behind Map.</summary>
    Sku,

    /// <summary>Different (or missing) SKUs, but the same option values ("S", "Black"): proposed, for the merchant to confirm.</summary>
    OptionValues,

    /// <summary>Neither SKU nor option values in common: paired by the merchant's choice alone.</summary>
    Chosen,
}
