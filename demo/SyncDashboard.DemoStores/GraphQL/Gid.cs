using System.Globalization;
using System.Text.RegularExpressions;

namespace SyncDashboard.DemoStores.GraphQL;

/// <summary>
/// Shopify's global ids: <c>gid://shopify/{Type}/{id}</c>, for example
/// <c>gid://shopify/Product/7123456789012</c>; an inventory level's id carries its item as a query
/// (<c>gid://shopify/InventoryLevel/{location}?inventory_item_id={item}</c>). Rule from shopify.dev
/// "Global IDs in Shopify APIs". The numeric part is the REST id of the same resource.
/// </summary>
internal static partial class Gid
{
    public static string For(string type, long id) => $"gid://shopify/{type}/{id.ToString(CultureInfo.InvariantCulture)}";

    public static string InventoryLevel(long locationId, long itemId) =>
        $"gid://shopify/InventoryLevel/{locationId.ToString(CultureInfo.InvariantCulture)}?inventory_item_id={itemId.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>The numeric id of a GID of <paramref name="type"/>; null when the text is not such a GID.</summary>
    public static long? TryParse(string? gid, string type)
    {
        var match = gid is null ? null : Pattern().Match(gid);
        return match is { Success: true } && match.Groups["type"].Value == type
            && long.TryParse(match.Groups["id"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            ? id
            : null;
    }

    [GeneratedRegex(@"^gid://shopify/(?<type>[A-Za-z]+)/(?<id>\d{1,18})(\?.*)?$")]
    private static partial Regex Pattern();
}
