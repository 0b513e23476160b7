namespace SyncDashboard.Core.Catalogue;

/// <summary>
/// A product's states in the words the dashboard shows them (the grid's status chip, the CSV export):
/// "Not synced", not <c>NotSynced</c>.
/// </summary>
public static class CatalogueWords
{
    /// <summary>"Not synced", "Synced" or "Mapped".</summary>
    public static string Words(this SyncState state) => state switch
    {
        SyncState.Synced => "Synced",
        SyncState.Mapped => "Mapped",
        _ => "Not synced",
    };

    /// <summary>"In step", "Repairing" or "Out of step".</summary>
    public static string Words(this LinkState state) => state switch
    {
        LinkState.InStep => "In step",
        LinkState.OutOfStep => "Out of step",
        _ => "Repairing",
    };

    /// <summary>"Missing SKU", "Duplicate SKU", "Shared SKU", or "OK" for none.</summary>
    public static string Words(this SkuProblem problem) => problem switch
    {
        SkuProblem.MissingSku => "Missing SKU",
        SkuProblem.DuplicateSku => "Duplicate SKU",
        SkuProblem.SharedWithOtherProduct => "Shared SKU",
        _ => "OK",
    };
}
