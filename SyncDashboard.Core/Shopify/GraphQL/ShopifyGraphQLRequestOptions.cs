namespace SyncDashboard.Core.Shopify.GraphQL;

/// <summary>What the GraphQL client tells the shared <c>shopify</c> HTTP pipeline about a request.</summary>
public static class ShopifyGraphQLRequestOptions
{
    public const string SafeToRepeatKey = "SyncDashboard.Shopify.GraphQL.SafeToRepeat";

    /// <summary>True on a GraphQL request that may be sent again after a 5xx or a timeout.</summary>
    public static readonly HttpRequestOptionsKey<bool> SafeToRepeat = new(SafeToRepeatKey);

    /// <summary>Whether the request goes to the GraphQL endpoint (paced by cost, not by the REST bucket).</summary>
    public static bool IsGraphQL(HttpRequestMessage request) =>
        request.RequestUri?.AbsolutePath.EndsWith("/graphql.json", StringComparison.OrdinalIgnoreCase) == true;
}
