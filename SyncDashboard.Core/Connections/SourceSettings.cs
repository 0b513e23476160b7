namespace SyncDashboard.Core.Connections;

/// <summary>
/// What a merchant sets per Source: the fields that flow to synced and to mapped products (stock
/// always flows), the price rule, the location whose stock counts (null: the sum over all the
/// Source's locations) and what a Source product's end does to its copy.
/// </summary>
public sealed record SourceSettings(
    ProductFieldSync SyncedFields,
    ProductFieldSync MappedFields,
    PriceRule PriceRule,
    long? LocationId,
    SourceDeletePolicy DeletePolicy)
{
    public static SourceSettings Of(StoreConnection connection) =>
        new(connection.SyncedFields, connection.MappedFields, connection.PriceRule, connection.LocationId, connection.DeletePolicy);

    /// <summary>Every reason the settings cannot be saved (empty when they can).</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>(PriceRule.Validate());
        if ((SyncedFields & ~ProductFieldSync.All) != 0 || (MappedFields & ~ProductFieldSync.All) != 0)
        {
            problems.Add("Choose fields from the list.");
        }
        if (!Enum.IsDefined(DeletePolicy))
        {
            problems.Add("Choose what happens when a Source product is deleted.");
        }
        return problems;
    }
}
