using System.Net;

namespace SyncDashboard.Core.Shopify;

/// <summary>
/// For stores whose app authenticates with its client id and secret: replaces the request's marker
/// header (<see cref="AppKeyHeader"/>, the app's key in <see cref="ShopifyAccessTokens"/>) with a
/// current access token, and after a 401 drops that token and sends the request once more with a
/// new one. Requests with a plain access token pass through untouched.
/// </summary>
public sealed class ShopifyAccessTokenHandler(ShopifyAccessTokens tokens) : DelegatingHandler
{
    public const string AppKeyHeader = "X-SyncDashboard-App";

    private static readonly HttpRequestOptionsKey<string> AppKey = new("SyncDashboard.Shopify.AppKey");

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        // The marker never reaches the store: it moves into the request's options (kept for the retries of the request).
        if (request.Headers.TryGetValues(AppKeyHeader, out var keys) && keys.FirstOrDefault() is { } marked)
        {
            request.Headers.Remove(AppKeyHeader);
            request.Options.Set(AppKey, marked);
        }
        if (!request.Options.TryGetValue(AppKey, out var key))
        {
            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        var token = await tokens.GetAsync(key, cancellationToken).ConfigureAwait(false);
        SetToken(request, token);
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.Unauthorized)
        {
            return response;
        }
        // The token was revoked or expired early: once more with a new one.
        response.Dispose();
        tokens.Invalidate(key, token);
        SetToken(request, await tokens.GetAsync(key, cancellationToken).ConfigureAwait(false));
        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }

    private static void SetToken(HttpRequestMessage request, string token)
    {
        request.Headers.Remove(ShopifyStoreClientFactory.AccessTokenHeader);
        request.Headers.TryAddWithoutValidation(ShopifyStoreClientFactory.AccessTokenHeader, token);
    }
}
