namespace SyncDashboard.Core.Mapping;

/// <summary>Why a Destination product was, or was not, mapped.</summary>
public enum MappingOutcome
{
    /// <summary>Every variant matched one Source product's variants one to one by SKU.</summary>
    Mapped,

    /// <summary>No Source variant has any of its SKUs.</summary>
    NoMatch,

    /// <summary>A variant of the Destination product has no SKU.</summary>
    MissingSku,

    /// <summary>One of its SKUs is used more than once, in the Destination or in the Source.</summary>
    DuplicateSku,

    /// <summary>The SKUs match one Source product, but the two have different numbers of variants.</summary>
    VariantCountDiffers,

    /// <summary>Only some SKUs match, or they match variants of different Source products.</summary>
    PartialSkuMatch,

    /// <summary>The Destination product, or its matching Source product, is already linked.</summary>
    AlreadyLinked,
}
