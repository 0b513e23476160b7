using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using SyncDashboard.Core.Shopify.Models;

namespace SyncDashboard.DemoStores;

/// <summary>The filters of <c>GET products.json</c> and <c>products/count.json</c>.</summary>
internal sealed record ProductQuery
{
    /// <summary>The parameters that filter (everything but <c>limit</c>, <c>fields</c> and <c>page_info</c>).</summary>
    public static readonly string[] FilterNames =
    [
        "ids", "since_id", "title", "vendor", "handle", "product_type", "status", "collection_id",
        "created_at_min", "created_at_max", "updated_at_min", "updated_at_max",
        "published_at_min", "published_at_max", "published_status", "presentment_currencies",
    ];

    public HashSet<long>? Ids { get; init; }
    public long? SinceId { get; init; }
    public string? Title { get; init; }
    public HashSet<string>? Vendors { get; init; }
    public HashSet<string>? Handles { get; init; }
    public string? ProductType { get; init; }
    public HashSet<string>? Statuses { get; init; }
    public DateTimeOffset? CreatedAtMin { get; init; }
    public DateTimeOffset? CreatedAtMax { get; init; }
    public DateTimeOffset? UpdatedAtMin { get; init; }
    public DateTimeOffset? UpdatedAtMax { get; init; }

    public bool Matches(ShopifyProduct product) =>
        (Ids is null || Ids.Contains(product.Id!.Value)) &&
        (SinceId is null || product.Id > SinceId) &&
        (Title is null || (product.Title ?? "").Contains(Title, StringComparison.OrdinalIgnoreCase)) &&
        (Vendors is null || Vendors.Contains(product.Vendor ?? "")) &&
        (Handles is null || Handles.Contains(product.Handle ?? "")) &&
        (ProductType is null || string.Equals(product.ProductType, ProductType, StringComparison.OrdinalIgnoreCase)) &&
        (Statuses is null || Statuses.Contains(product.Status ?? "")) &&
        (CreatedAtMin is null || product.CreatedAt >= CreatedAtMin) &&
        (CreatedAtMax is null || product.CreatedAt <= CreatedAtMax) &&
        (UpdatedAtMin is null || product.UpdatedAt >= UpdatedAtMin) &&
        (UpdatedAtMax is null || product.UpdatedAt <= UpdatedAtMax);

    /// <summary>Reads the filters of a request; a malformed value gives 400 with the parameter's name.</summary>
    public static ProductQuery Parse(IQueryCollection query) => new()
    {
        Ids = LongSet(query, "ids"),
        SinceId = Long(query, "since_id"),
        Title = Text(query, "title"),
        Vendors = TextSet(query, "vendor"),
        Handles = TextSet(query, "handle"),
        ProductType = Text(query, "product_type"),
        // Shopify lists every status when none is asked for.
        Statuses = TextSet(query, "status"),
        CreatedAtMin = Date(query, "created_at_min"),
        CreatedAtMax = Date(query, "created_at_max"),
        UpdatedAtMin = Date(query, "updated_at_min"),
        UpdatedAtMax = Date(query, "updated_at_max"),
    };

    private static string? Text(IQueryCollection query, string name) =>
        query.TryGetValue(name, out var value) && !string.IsNullOrEmpty(value.ToString()) ? value.ToString() : null;

    private static HashSet<string>? TextSet(IQueryCollection query, string name) =>
        Text(query, name) is { } text
            ? text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal)
            : null;

    private static long? Long(IQueryCollection query, string name) =>
        Text(query, name) is { } text
            ? long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : throw new BadParameterException(name)
            : null;

    private static HashSet<long>? LongSet(IQueryCollection query, string name) =>
        TextSet(query, name)?.Select(t => long.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : throw new BadParameterException(name)).ToHashSet();

    private static DateTimeOffset? Date(IQueryCollection query, string name) =>
        Text(query, name) is { } text
            ? DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value) ? value : throw new BadParameterException(name)
            : null;
}

/// <summary>A query parameter Shopify would refuse with 400.</summary>
internal sealed class BadParameterException(string parameter, string? message = null)
    : Exception(message ?? $"Invalid value for parameter {parameter}.")
{
    public string Parameter { get; } = parameter;
}

internal enum CursorDirection
{
    Next,
    Previous,
}

/// <summary>
/// The opaque <c>page_info</c> cursor: the filters of the first request and the position the page
/// starts after (next) or before (previous): a product id, or an offset for lists without ids.
/// Shopify's cursors are opaque too; clients only pass them back.
/// </summary>
internal sealed record PageCursor(CursorDirection Direction, long Id, Dictionary<string, string> Filters)
{
    public string Encode() =>
        Convert.ToBase64String(JsonSerializer.SerializeToUtf8Bytes(this)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static PageCursor Decode(string pageInfo)
    {
        try
        {
            var base64 = pageInfo.Replace('-', '+').Replace('_', '/');
            base64 = base64.PadRight(base64.Length + (4 - base64.Length % 4) % 4, '=');
            return JsonSerializer.Deserialize<PageCursor>(Encoding.UTF8.GetString(Convert.FromBase64String(base64)))
                ?? throw new BadParameterException("page_info");
        }
        catch (Exception e) when (e is FormatException or JsonException or ArgumentException)
        {
            throw new BadParameterException("page_info", "Invalid value.");
        }
    }
}
