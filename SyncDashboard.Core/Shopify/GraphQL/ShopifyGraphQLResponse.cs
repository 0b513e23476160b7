using System.Text.Json;
using System.Text.Json.Serialization;

namespace SyncDashboard.Core.Shopify.GraphQL;

/// <summary>A GraphQL answer: <c>data</c> (null when the request was refused), <c>errors</c> and <c>extensions</c>.</summary>
public sealed record ShopifyGraphQLResponse
{
    [JsonPropertyName("data")]
    public JsonElement? Data { get; init; }

    [JsonPropertyName("errors")]
    public IReadOnlyList<ShopifyGraphQLError>? Errors { get; init; }

    [JsonPropertyName("extensions")]
    public ShopifyGraphQLExtensions? Extensions { get; init; }
}

/// <summary>A top-level error: its message and <c>extensions.code</c> (THROTTLED, MAX_COST_EXCEEDED, ...).</summary>
public sealed record ShopifyGraphQLError
{
    [JsonPropertyName("message")]
    public string Message { get; init; } = "";

    [JsonPropertyName("extensions")]
    public JsonElement? Extensions { get; init; }

    public string? Code =>
        Extensions is { ValueKind: JsonValueKind.Object } extensions && extensions.TryGetProperty("code", out var code) && code.ValueKind == JsonValueKind.String
            ? code.GetString()
            : null;
}

public sealed record ShopifyGraphQLExtensions
{
    [JsonPropertyName("cost")]
    public ShopifyGraphQLCost? Cost { get; init; }
}

/// <summary><c>extensions.cost</c>: points asked for before the query ran, points spent, and the bucket after it.</summary>
public sealed record ShopifyGraphQLCost
{
    [JsonPropertyName("requestedQueryCost")]
    public int RequestedQueryCost { get; init; }

    /// <summary>Null when the query did not run (throttled).</summary>
    [JsonPropertyName("actualQueryCost")]
    public int? ActualQueryCost { get; init; }

    [JsonPropertyName("throttleStatus")]
    public ShopifyThrottleStatus? ThrottleStatus { get; init; }
}

/// <summary><c>throttleStatus</c>: the bucket's size, what it holds now, and how many points it restores per second.</summary>
public sealed record ShopifyThrottleStatus
{
    [JsonPropertyName("maximumAvailable")]
    public double MaximumAvailable { get; init; }

    [JsonPropertyName("currentlyAvailable")]
    public double CurrentlyAvailable { get; init; }

    [JsonPropertyName("restoreRate")]
    public double RestoreRate { get; init; }
}
