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

    /// <summary>
    /// The settings in words, for the Activity Log: "synced products follow title, prices; mapped
    /// products follow stock only; prices: 19.90 becomes 21.99; stock of all locations; a Source
    /// product's end: kept with stock 0."
    /// </summary>
    public string Describe()
    {
        static string Follow(ProductFieldSync fields) => fields == ProductFieldSync.None
            ? "stock only"
            : "stock, " + string.Join(", ", FieldNames(fields));
        var end = DeletePolicy switch
        {
            SourceDeletePolicy.SetToDraft => "the copy is set to draft",
            SourceDeletePolicy.Delete => "the copy is deleted (a mapped listing is kept with stock 0)",
            _ => "the copy is kept with stock 0",
        };
        return $"synced products follow {Follow(SyncedFields)}; mapped products follow {Follow(MappedFields)}; prices: {PriceRule.Example()}; " +
            $"stock of {(LocationId is { } location ? $"location {location}" : "all locations")}; when a Source product ends, {end}.";
    }

    /// <summary>The fields in words, in the Stores page's order: ["title", "description", "type"].</summary>
    public static IReadOnlyList<string> FieldNames(ProductFieldSync fields) => [.. Enum.GetValues<ProductFieldSync>()
        .Where(f => f is not (ProductFieldSync.None or ProductFieldSync.All) && System.Numerics.BitOperations.IsPow2((int)f) && fields.HasFlag(f))
        .Select(f => f == ProductFieldSync.ProductType ? "type" : f.ToString().ToLowerInvariant())];

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
