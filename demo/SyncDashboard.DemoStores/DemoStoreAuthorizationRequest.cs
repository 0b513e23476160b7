using Microsoft.Extensions.Primitives;

namespace SyncDashboard.DemoStores;

/// <summary>
/// A checked request to install the app: the parameters of <c>GET /admin/oauth/authorize</c>, which the
/// install page posts back when the merchant approves, as Shopify documents them in "Implement
/// authorization code grant manually", step 2 "Ask for permission"
/// (https://shopify.dev/docs/apps/build/authentication-authorization/access-tokens/authorization-code-grant):
/// <c>client_id</c>, <c>scope</c> (comma-separated), <c>redirect_uri</c>, <c>state</c> (a nonce the
/// redirect carries back) and <c>grant_options[]</c> (<c>per-user</c> for an online token, empty or
/// absent for an offline one).
/// </summary>
/// <param name="ClientId">The app's client id.</param>
/// <param name="Scopes">The scopes asked for, all among the app's (the app's own when <c>scope</c> is empty).</param>
/// <param name="RedirectUri">Where the merchant is sent after approving: an absolute http(s) URL without fragment.</param>
/// <param name="State">The app's nonce, when it sent one.</param>
/// <param name="PerUser">Whether an online (per-user) token is asked for.</param>
internal sealed record DemoStoreAuthorizationRequest(string ClientId, IReadOnlyList<string> Scopes, Uri RedirectUri, string? State, bool PerUser)
{
    public const string GrantOptionsName = "grant_options[]";

    /// <summary>The scopes as Shopify's <c>scope</c> field writes them (<c>read_products,write_products</c>).</summary>
    public string Scope => string.Join(',', Scopes);

    /// <summary>The request as form fields for the install page's form (which posts them back).</summary>
    public IEnumerable<KeyValuePair<string, string>> Fields()
    {
        yield return new("client_id", ClientId);
        yield return new("scope", Scope);
        yield return new("redirect_uri", RedirectUri.OriginalString);
        if (State is not null)
        {
            yield return new("state", State);
        }
        if (PerUser)
        {
            yield return new(GrantOptionsName, "per-user");
        }
    }

    /// <summary>Checks the request's parameters against the store's app.</summary>
    /// <exception cref="DemoStoreOAuthException">
    /// 400 <c>invalid_request</c> for an unknown or missing <c>client_id</c> ("Could not find Shopify API
    /// application with api_key ...", Shopify's words), a missing or non-http(s) <c>redirect_uri</c>, or an
    /// unknown <c>grant_options[]</c>; 400 <c>invalid_scope</c> for scopes the app is not granted.
    /// </exception>
    public static DemoStoreAuthorizationRequest Parse(IEnumerable<KeyValuePair<string, StringValues>> parameters, DemoStoreOptions options)
    {
        var values = parameters.ToDictionary(p => p.Key, p => p.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        string? Get(string name) => values.TryGetValue(name, out var value) && value.Length > 0 ? value : null;

        var clientId = Get("client_id") ?? "";
        if (options.ClientId.Length == 0 || !string.Equals(clientId, options.ClientId, StringComparison.Ordinal))
        {
            throw DemoStoreOAuthException.InvalidRequest($"Could not find Shopify API application with api_key {clientId}");
        }
        var redirect = Get("redirect_uri");
        if (redirect is null || !Uri.TryCreate(redirect, UriKind.Absolute, out var redirectUri)
            || (redirectUri.Scheme != Uri.UriSchemeHttp && redirectUri.Scheme != Uri.UriSchemeHttps)
            || redirectUri.Fragment.Length > 0 || redirectUri.Host.Length == 0)
        {
            throw DemoStoreOAuthException.InvalidRequest("The redirect_uri is missing or is not an absolute http or https URL without fragment");
        }
        var granted = DemoStoreAccessTokens.ParseScopes(options.AccessScopes);
        var asked = DemoStoreAccessTokens.ParseScopes(Get("scope"));
        var unknown = asked.Where(s => !granted.Contains(s, StringComparer.Ordinal)).ToList();
        if (unknown.Count > 0)
        {
            throw new DemoStoreOAuthException(400, "invalid_scope", $"The app is not granted these access scopes: {string.Join(", ", unknown)}");
        }
        var perUser = Get(GrantOptionsName) switch
        {
            null => false,
            "per-user" => true,
            var other => throw DemoStoreOAuthException.InvalidRequest($"grant_options[] must be per-user or empty, not {other}"),
        };
        return new DemoStoreAuthorizationRequest(clientId, asked.Count > 0 ? asked : granted, redirectUri, Get("state"), perUser);
    }
}
