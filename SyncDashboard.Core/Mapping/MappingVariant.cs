namespace SyncDashboard.Core.Mapping;

/// <summary>One variant as the Individual Mapper shows it.</summary>
/// <param name="Id">The variant's mirrored id (what <see cref="VariantPair"/> holds).</param>
/// <param name="Title">The variant's title ("S / Black"), as the store gives it.</param>
/// <param name="Sku">Its SKU as the store gives it (null: none).</param>
/// <param name="Quantity">Available, in units: the store's <c>inventory_quantity</c>, summed over its locations, as last mirrored.</param>
public sealed record MappingVariant(long Id, string? Title, string? Sku, int Quantity)
{
    /// <summary>Its option values in option order (option1, option2, option3; missing ones left out), as the store gives them.</summary>
    public IReadOnlyList<string> OptionValues { get; init; } = [];

    /// <summary>Whether the store tracks its stock; when not, <see cref="Quantity"/> means nothing.</summary>
    public bool Tracked { get; init; } = true;
}
