namespace SyncDashboard.Core.Mapping;

/// <summary>The Bulk Mapper's outcomes in the words its report shows them (the page's chips and grid, the CSV export).</summary>
public static class MappingOutcomeWords
{
    /// <summary>"No match", not <c>NoMatch</c>.</summary>
    public static string Words(this MappingOutcome outcome) => outcome switch
    {
        MappingOutcome.Mapped => "Mapped",
        MappingOutcome.NoMatch => "No match",
        MappingOutcome.MissingSku => "Missing SKU",
        MappingOutcome.DuplicateSku => "Duplicate SKU",
        MappingOutcome.VariantCountDiffers => "Variant count differs",
        MappingOutcome.PartialSkuMatch => "Only some SKUs match",
        _ => "Already linked",
    };
}
