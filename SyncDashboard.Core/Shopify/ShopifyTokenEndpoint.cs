using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using SyncDashboard.Core.Stores;

namespace SyncDashboard.Core.Shopify;

/// <summary>
/// A store's token endpoint, <c>POST {store}/admin/oauth/access_token</c> (form-encoded), as both
/// grants use it: the client credentials grant and the authorization code exchange (shopify.dev
/// "Using the client credentials grant", "Authorization code grant"). It answers
/// <c>{"access_token", "scope", "expires_in"?}</c>; a refusal of the app's credentials is an OAuth
/// error (JSON, 400/401/403). The store's own words are never shown: they may echo what was sent.
/// </summary>
internal static class ShopifyTokenEndpoint
{
    /// <summary>What the endpoint granted: the token, its scopes (comma-separated) and its life in seconds when it expires.</summary>
    /// <param name="RefreshToken">With an expiring offline token: the token that gets the next pair.</param>
    /// <param name="RefreshTokenExpiresIn">The refresh token's life in seconds (90 days).</param>
    public sealed record Grant(
        [property: JsonPropertyName("access_token")] string? AccessToken,
        [property: JsonPropertyName("scope")] string? Scope,
        [property: JsonPropertyName("expires_in")] long? ExpiresIn,
        [property: JsonPropertyName("refresh_token")] string? RefreshToken = null,
        [property: JsonPropertyName("refresh_token_expires_in")] long? RefreshTokenExpiresIn = null)
    {
        /// <summary>The expiring offline token of this grant, when it has a refresh token; <paramref name="now"/> is when it was asked for.</summary>
        public StoreOfflineToken? Offline(DateTimeOffset now) => RefreshToken is { Length: > 0 } refresh && ExpiresIn is > 0
            ? new StoreOfflineToken(AccessToken!, now.AddSeconds(ExpiresIn.Value), refresh, RefreshTokenExpiresIn is > 0 ? now.AddSeconds(RefreshTokenExpiresIn.Value) : null)
            : null;
    }

    /// <param name="what">What is asked, in words, for messages ("asking for an access token").</param>
    /// <param name="refused">The message when the store refuses the credentials.</param>
    /// <exception cref="StoreUnavailableException">The store could not be reached or did not answer in time.</exception>
    /// <exception cref="StoreAddressRefusedException">The store's address is on a private or local network: nothing was sent.</exception>
    /// <exception cref="StoreApiException">
    /// 401 when the credentials were refused; 404 when what answered is not a Shopify store (no token
    /// endpoint there); the store's status otherwise; 200 when the answer holds no token.
    /// </exception>
    public static async Task<Grant> PostAsync(HttpClient http, Uri storeBaseUrl, IReadOnlyDictionary<string, string> form, string what, string refused,
        CancellationToken cancellationToken)
    {
        var store = storeBaseUrl.Host;
        var origin = storeBaseUrl.GetLeftPart(UriPartial.Authority);
        using var body = new FormUrlEncodedContent(form);
        HttpResponseMessage response;
        try
        {
            response = await http.PostAsync(new Uri($"{origin}/admin/oauth/access_token"), body, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException e) when (e.InnerException is StoreAddressRefusedException refusedAddress)
        {
            throw refusedAddress;
        }
        catch (HttpRequestException e)
        {
            throw new StoreUnavailableException(store, $"{what} could not reach the store: {e.Message}", isCircuitOpen: false, e);
        }
        catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new StoreUnavailableException(store, $"{what} got no answer in time.", isCircuitOpen: false, e);
        }
        using (response)
        {
            var isJson = response.Content.Headers.ContentType?.MediaType?.Contains("json", StringComparison.OrdinalIgnoreCase) == true;
            if (!response.IsSuccessStatusCode)
            {
                if (!isJson && response.StatusCode is not HttpStatusCode.Unauthorized)
                {
                    throw new StoreApiException(store, HttpStatusCode.NotFound, $"{origin} does not answer as a Shopify store (no access token endpoint there).");
                }
                var isRefusal = response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.BadRequest or HttpStatusCode.Forbidden;
                throw new StoreApiException(store, isRefusal ? HttpStatusCode.Unauthorized : response.StatusCode,
                    isRefusal ? $"{refused} ({(int)response.StatusCode})." : $"{what} answered {(int)response.StatusCode} {response.ReasonPhrase}.");
            }
            Grant? grant;
            try
            {
                grant = isJson ? await response.Content.ReadFromJsonAsync<Grant>(cancellationToken).ConfigureAwait(false) : null;
            }
            catch (JsonException e)
            {
                throw new StoreApiException(store, HttpStatusCode.OK, $"{origin} answered {what} with something that is not a token.", inner: e);
            }
            if (!isJson)
            {
                throw new StoreApiException(store, HttpStatusCode.NotFound, $"{origin} does not answer as a Shopify store (no access token endpoint there).");
            }
            if (string.IsNullOrEmpty(grant?.AccessToken))
            {
                throw new StoreApiException(store, HttpStatusCode.OK, $"the store answered {what} without an access token.");
            }
            return grant;
        }
    }
}
