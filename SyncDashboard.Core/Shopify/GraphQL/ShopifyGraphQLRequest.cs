using System.Text.Json.Serialization;

namespace SyncDashboard.Core.Shopify.GraphQL;

/// <summary>The body of a GraphQL request: <c>{"query": ..., "variables": {...}, "operationName": ...}</c>.</summary>
public sealed record ShopifyGraphQLRequest(
    [property: JsonPropertyName("query")] string Query,
    [property: JsonPropertyName("variables")] System.Text.Json.Nodes.JsonObject? Variables = null,
    [property: JsonPropertyName("operationName")] string? OperationName = null);
