using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using SyncDashboard.Core.Stores;

namespace SyncDashboard.Core.Shopify;

/// <summary>
/// Shopify's authorization code grant, for installing the app on a store of another merchant
/// (shopify.dev "Implement authorization code grant manually",
/// https://shopify.dev/docs/apps/build/authentication-authorization/access-tokens/authorization-code-grant):
/// <list type="bullet">
/// <item>Step 2, the install link: <c>{store}/admin/oauth/authorize?client_id=…&amp;scope=…&amp;redirect_uri=…&amp;state=…&amp;grant_options[]=</c>
/// (<c>scope</c> comma-separated; <c>grant_options[]</c> empty: an offline token, which does not expire).</item>
/// <item>Step 3, the callback: <c>code</c>, <c>hmac</c>, <c>host</c>, <c>shop</c>, <c>state</c>, <c>timestamp</c>. The
/// <c>hmac</c> is the lower-case hex HMAC-SHA256, keyed with the app's client secret, of every other
/// parameter (the legacy <c>signature</c> left out too) sorted by name and joined as <c>name=value</c>
/// with <c>&amp;</c>, each name and value URL-encoded as Shopify's own library writes them when it checks
/// one (shopify-api-js <c>ProcessedQuery</c>: a space as <c>%20</c>); it is compared in constant time. The
/// <c>shop</c> must be a shop's own domain: <c>^[a-zA-Z0-9][a-zA-Z0-9-]*\.myshopify\.com$</c>, anchored at
/// both ends (shopify.dev "Shop domain validation regex is not anchored").</item>
/// <item>Step 4, the token: <c>POST {store}/admin/oauth/access_token</c> with <c>client_id</c>,
/// <c>client_secret</c> and <c>code</c> answers <c>{"access_token", "scope"}</c>. The code is single-use.</item>
/// </list>
/// Tokens, codes and secrets are never logged.
/// </summary>
public sealed partial class ShopifyAppInstalls(IHttpClientFactory httpClientFactory, TimeProvider time, ILogger<ShopifyAppInstalls> logger) : IStoreAppInstalls
{
    /// <summary>What the engine reads and writes: products, inventory and locations.</summary>
    public IReadOnlyList<string> Scopes { get; } = ["read_products", "write_products", "read_inventory", "write_inventory", "read_locations"];

    public Uri InstallLink(Uri storeBaseUrl, string clientId, Uri redirectUri, string state)
    {
        ArgumentNullException.ThrowIfNull(storeBaseUrl);
        ArgumentNullException.ThrowIfNull(redirectUri);
        var query = string.Join('&',
            $"client_id={Uri.EscapeDataString(clientId)}",
            $"scope={string.Join(',', Scopes.Select(Uri.EscapeDataString))}",
            $"redirect_uri={Uri.EscapeDataString(redirectUri.AbsoluteUri)}",
            $"state={Uri.EscapeDataString(state)}",
            "grant_options[]=");
        return new Uri($"{storeBaseUrl.GetLeftPart(UriPartial.Authority)}/admin/oauth/authorize?{query}");
    }

    public StoreInstallCallback? ReadCallback(IReadOnlyList<KeyValuePair<string, string>> query)
    {
        ArgumentNullException.ThrowIfNull(query);
        string? Get(string name) => query.Where(p => p.Key == name).Select(p => p.Value).SingleOrDefault(v => v.Length > 0);
        try
        {
            return Get("state") is { } state && Get("shop") is { } shop && Get("code") is { } code && Get("hmac") is not null
                ? new StoreInstallCallback(state, shop, code)
                : null;
        }
        catch (InvalidOperationException)
        {
            return null; // a parameter given twice: not a callback Shopify makes
        }
    }

    public bool Verify(string clientSecret, IReadOnlyList<KeyValuePair<string, string>> query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var signatures = query.Where(p => p.Key == "hmac").Select(p => p.Value).ToList();
        if (string.IsNullOrEmpty(clientSecret) || signatures is not [{ Length: 64 } signature])
        {
            return false;
        }
        var message = string.Join('&', query
            .Where(p => p.Key is not ("hmac" or "signature"))
            .OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => $"{Encode(p.Key)}={Encode(p.Value)}"));
        var expected = Encoding.ASCII.GetBytes(Convert.ToHexStringLower(
            HMACSHA256.HashData(Encoding.UTF8.GetBytes(clientSecret), Encoding.UTF8.GetBytes(message))));
        return CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(signature.ToLowerInvariant()));
    }

    public bool IsShopName(string shop) => !string.IsNullOrEmpty(shop) && ShopName().IsMatch(shop);

    public string? ShopNameOf(Uri storeBaseUrl)
    {
        ArgumentNullException.ThrowIfNull(storeBaseUrl);
        var host = storeBaseUrl.IdnHost.ToLowerInvariant();
        return IsShopName(host) ? host : null;
    }

    /// <summary>
    /// Shopify answers only the scopes it keeps: <c>write_products</c> implies <c>read_products</c>, so a
    /// response may omit the <c>read_</c> scope of a granted <c>write_</c> one (shopify.dev "Access scopes").
    /// </summary>
    public IReadOnlyList<string> MissingScopes(IReadOnlyList<string> granted)
    {
        ArgumentNullException.ThrowIfNull(granted);
        var set = granted.Select(s => s.Trim()).ToHashSet(StringComparer.Ordinal);
        return [.. Scopes.Where(s => !set.Contains(s) && !(s.StartsWith("read_", StringComparison.Ordinal) && set.Contains("write_" + s["read_".Length..])))];
    }

    public async Task<StoreInstallGrant> ExchangeCodeAsync(Uri storeBaseUrl, StoreAppCredentials app, string code, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(storeBaseUrl);
        ArgumentNullException.ThrowIfNull(app);
        var store = storeBaseUrl.Host;
        var grant = await ShopifyTokenEndpoint.PostAsync(httpClientFactory.CreateClient(ShopifyAccessTokens.HttpClientName), storeBaseUrl,
            // expiring=1: an offline token that expires within the hour, with a refresh token (public apps must from 2027-01-01).
            new Dictionary<string, string> { ["client_id"] = app.ClientId, ["client_secret"] = app.ClientSecret, ["code"] = code, ["expiring"] = "1" },
            "exchanging the install's code", "the store refused the app's client id or secret, or the install's code", cancellationToken).ConfigureAwait(false);
        var scopes = (grant.Scope ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        LogInstalled(store, app.ClientId, string.Join(',', scopes));
        return new StoreInstallGrant(grant.AccessToken!, scopes) { Offline = grant.Offline(time.GetUtcNow()) };
    }

    /// <summary>
    /// The WHATWG <c>application/x-www-form-urlencoded</c> encoding with a space as <c>%20</c>: ASCII
    /// letters, digits and <c>*-._</c> stay, every other UTF-8 byte becomes <c>%XX</c>.
    /// </summary>
    private static string Encode(string value)
    {
        var encoded = new StringBuilder(value.Length);
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            if (b is >= (byte)'a' and <= (byte)'z' or >= (byte)'A' and <= (byte)'Z' or >= (byte)'0' and <= (byte)'9'
                or (byte)'*' or (byte)'-' or (byte)'.' or (byte)'_')
            {
                encoded.Append((char)b);
            }
            else
            {
                encoded.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }
        return encoded.ToString();
    }

    [GeneratedRegex(@"^[a-zA-Z0-9][a-zA-Z0-9\-]*\.myshopify\.com$", RegexOptions.CultureInvariant)]
    private static partial Regex ShopName();

    [LoggerMessage(Level = LogLevel.Information, Message = "The app {ClientId} was installed on {Store} (scopes {Scopes})")]
    private partial void LogInstalled(string store, string clientId, string scopes);
}
