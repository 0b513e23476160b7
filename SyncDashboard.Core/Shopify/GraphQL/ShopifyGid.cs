using System.Globalization;

namespace SyncDashboard.Core.Shopify.GraphQL;

/// <summary>
/// Shopify's global ids, <c>gid://shopify/{Type}/{id}</c>; the numeric part is the id the REST API
/// and the engine use (shopify.dev "Global IDs in Shopify APIs").
/// </summary>
public static class ShopifyGid
{
    public static string For(string type, long id) => $"gid://shopify/{type}/{id.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>The numeric id of a GID (a query after it, as inventory levels have, is ignored).</summary>
    /// <exception cref="FormatException">The text is not a GID.</exception>
    public static long Id(string? gid)
    {
        var path = gid?.Split('?')[0];
        var slash = path?.LastIndexOf('/') ?? -1;
        return slash >= 0 && long.TryParse(path.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            ? id
            : throw new FormatException($"'{gid}' is not a Shopify global id.");
    }
}
