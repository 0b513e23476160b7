using System.Text.Json;
using System.Text.Json.Serialization;

namespace SyncDashboard.Core.Shopify.GraphQL;

// The shapes the GraphQL documents of ShopifyGraphQLDocuments ask for, read with
// ShopifyGraphQLJson.Options (camelCase names; Money strings read as decimals).

/// <summary>A connection's nodes and where its next page starts.</summary>
public sealed record GqlConnection<T>(IReadOnlyList<T> Nodes, GqlPageInfo? PageInfo);

public sealed record GqlPageInfo(bool HasNextPage, string? EndCursor);

public sealed record GqlProduct
{
    public required string Id { get; init; }
    public string Title { get; init; } = "";
    public string? DescriptionHtml { get; init; }
    public string? Vendor { get; init; }
    public string? ProductType { get; init; }
    public string? Handle { get; init; }
    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>ACTIVE, DRAFT or ARCHIVED.</summary>
    public string? Status { get; init; }

    public DateTimeOffset? CreatedAt { get; init; }
    public DateTimeOffset? UpdatedAt { get; init; }
    public IReadOnlyList<GqlOption> Options { get; init; } = [];
    public GqlConnection<GqlMedia>? Media { get; init; }
    public GqlConnection<GqlVariant>? Variants { get; init; }
}

public sealed record GqlOption(string Name, IReadOnlyList<string> Values);

public sealed record GqlMedia(string? Id, GqlImage? Image);

public sealed record GqlImage(string Url, string? AltText);

public sealed record GqlVariant
{
    public required string Id { get; init; }
    public string? Title { get; init; }
    public string? Sku { get; init; }
    public string? Barcode { get; init; }
    public decimal Price { get; init; }
    public decimal? CompareAtPrice { get; init; }
    public int? Position { get; init; }

    /// <summary>DENY or CONTINUE.</summary>
    public string? InventoryPolicy { get; init; }

    public int? InventoryQuantity { get; init; }
    public IReadOnlyList<GqlSelectedOption> SelectedOptions { get; init; } = [];
    public GqlInventoryItem? InventoryItem { get; init; }
}

public sealed record GqlSelectedOption(string Name, string Value);

public sealed record GqlInventoryItem
{
    public required string Id { get; init; }
    public bool Tracked { get; init; }
    public GqlMeasurement? Measurement { get; init; }
    public GqlConnection<GqlInventoryLevel>? InventoryLevels { get; init; }
}

public sealed record GqlMeasurement(GqlWeight? Weight);

/// <summary>A weight and its unit: GRAMS, KILOGRAMS, OUNCES or POUNDS.</summary>
public sealed record GqlWeight(double Value, string Unit);

public sealed record GqlInventoryLevel(GqlLocationRef Location, IReadOnlyList<GqlQuantity> Quantities, DateTimeOffset? UpdatedAt);

public sealed record GqlLocationRef(string Id);

public sealed record GqlQuantity(string Name, int Quantity);

public sealed record GqlLocation(string Id, string Name, bool IsActive);

public sealed record GqlMetafield(string Id, string Namespace, string Key, string Value, string Type);

public sealed record GqlWebhookSubscription(string Id, string Topic, string Uri);

/// <summary>A mutation's <c>userErrors</c> entry: the input field's path, a message and (for most mutations) a code.</summary>
public sealed record GqlUserError(IReadOnlyList<string>? Field, string Message, string? Code);

/// <summary>Reading options for GraphQL answers.</summary>
public static class ShopifyGraphQLJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        NumberHandling = JsonNumberHandling.AllowReadingFromString,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };
}
