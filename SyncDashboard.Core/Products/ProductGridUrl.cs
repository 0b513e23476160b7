namespace SyncDashboard.Core.Products;

/// <summary>
/// The product grid's store, filter, search and sort as a URL carries them
/// (<c>?store=2&amp;status=problems&amp;q=linen&amp;sort=-inventory</c>): one form for the Products page's own address
/// and its CSV export, so a link copied from either reads the same on both.
/// </summary>
public static class ProductGridUrl
{
    /// <summary>The URL's parameter names.</summary>
    public const string StoreParameter = "store", StatusParameter = "status", SearchParameter = "q", SortParameter = "sort";

    /// <summary>The <c>store</c> of every Source's products at once ("All Sources").</summary>
    public const string AllSources = "all";

    /// <summary>The sorts by their URL names; a leading <c>-</c> sorts descending (<c>-inventory</c>: the most stock first).</summary>
    public static readonly IReadOnlyDictionary<ProductSort, string> SortNames = new Dictionary<ProductSort, string>
    {
        [ProductSort.Title] = "title",
        [ProductSort.Vendor] = "vendor",
        [ProductSort.VariantCount] = "variants",
        [ProductSort.Inventory] = "inventory",
        [ProductSort.Status] = "status",
        [ProductSort.LastSynced] = "synced",
    };

    /// <summary>The <c>store</c> value: the store's connection id, or <see cref="AllSources"/> for null.</summary>
    public static string FormatStore(int? storeId) =>
        storeId?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? AllSources;

    /// <summary>The <c>status</c> value (the filter's name in lower case), or null for every status (left out).</summary>
    public static string? FormatStatus(ProductStatusFilter status) =>
        status == ProductStatusFilter.All ? null : status.ToString().ToLowerInvariant();

    /// <summary>The <c>sort</c> value (<c>vendor</c>, <c>-inventory</c>), or null for the default, title A to Z (left out).</summary>
    public static string? FormatSort(ProductSort sort, bool descending) =>
        sort == ProductSort.Title && !descending ? null : (descending ? "-" : "") + SortNames[sort];

    /// <summary>
    /// Reads a <c>sort</c> value: a name of <see cref="SortNames"/> in any case, after <c>-</c> for descending. Absent reads as
    /// title ascending; false when it names no sort (then title ascending too).
    /// </summary>
    public static bool TryParseSort(string? text, out ProductSort sort, out bool descending)
    {
        (sort, descending) = (ProductSort.Title, false);
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }
        var value = text.Trim();
        var isDescending = value.StartsWith('-');
        var name = isDescending ? value[1..] : value;
        foreach (var (candidate, candidateName) in SortNames)
        {
            if (string.Equals(candidateName, name, StringComparison.OrdinalIgnoreCase))
            {
                (sort, descending) = (candidate, isDescending);
                return true;
            }
        }
        return false;
    }

    /// <summary>What a <c>sort</c> value may be, in words for an error message.</summary>
    public static string SortChoices => string.Join(", ", SortNames.Values) + " (a leading - for descending)";
}
