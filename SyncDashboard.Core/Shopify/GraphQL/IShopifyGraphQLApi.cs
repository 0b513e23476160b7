using Refit;

namespace SyncDashboard.Core.Shopify.GraphQL;

/// <summary>
/// Shopify's GraphQL Admin API: one endpoint, <c>POST {store}/admin/api/{version}/graphql.json</c>,
/// relative to the client's base address; the access token travels in <c>X-Shopify-Access-Token</c>
/// (set by the client's handler). Answers are HTTP 200 with <c>data</c>, <c>errors</c> and
/// <c>extensions.cost</c>, throttled ones included (shopify.dev "GraphQL Admin API rate limits").
/// </summary>
public interface IShopifyGraphQLApi
{
    /// <param name="request">The document, its variables and operation name.</param>
    /// <param name="safeToRepeat">
    /// Whether sending the request twice does no more than once (queries, and mutations with an
    /// idempotency key): the resilience pipeline retries only those after a 5xx or a timeout.
    /// </param>
    [Post("/graphql.json")]
    Task<IApiResponse<ShopifyGraphQLResponse>> PostAsync(
        [Body] ShopifyGraphQLRequest request,
        [Property(ShopifyGraphQLRequestOptions.SafeToRepeatKey)] bool safeToRepeat,
        CancellationToken cancellationToken = default);
}
