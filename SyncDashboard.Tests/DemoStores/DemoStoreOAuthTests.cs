using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Time.Testing;
using SyncDashboard.DemoStores;

namespace SyncDashboard.Tests.DemoStores;

/// <summary>
/// A demo store hands out access tokens as Shopify does for apps made in the Dev Dashboard (client id
/// and secret): the client credentials grant, the install page with its signed redirect, the
/// authorization code exchange and refresh; the API takes those tokens until they expire, and still
/// takes the legacy one. Everything over HTTP, with the store's clock faked.
/// </summary>
public sealed partial class DemoStoreOAuthTests : DemoStoreTestBase
{
    private const string ClientId = "demo-app-client-id";
    private const string ClientSecret = "shpss_demo_app_secret";
    private const string AppScopes = "read_products,write_products,read_inventory,write_inventory,read_locations";
    private const string RedirectUri = "https://app.example/auth/callback";
    private const string InvalidToken = "[API] Invalid API key or access token (unrecognized login or wrong password)";

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.Zero));

    protected override TimeProvider Clock => _time;

    protected override DemoStoreOptions CreateOptions()
    {
        var options = base.CreateOptions();
        options.ClientId = ClientId;
        options.ClientSecret = ClientSecret;
        options.AccessScopes = AppScopes;
        return options;
    }

    [Fact]
    public async Task ClientCredentialsTokenOpensTheAdminApiForFormAndJsonRequests()
    {
        using var oauth = CreateOAuthClient();

        using var form = await oauth.PostAsync("admin/oauth/access_token", Form(
            ("grant_type", "client_credentials"), ("client_id", ClientId), ("client_secret", ClientSecret)));
        using var json = await oauth.PostAsJsonAsync("admin/oauth/access_token",
            new { grant_type = "client_credentials", client_id = ClientId, client_secret = ClientSecret });

        foreach (var response in new[] { form, json })
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var body = await ReadJsonAsync(response);
            Assert.Equal(["access_token", "expires_in", "scope"], body.Select(p => p.Key).Order());
            Assert.Equal(86399, body["expires_in"]!.GetValue<long>());
            Assert.Equal(AppScopes, body["scope"]!.GetValue<string>());
            var token = body["access_token"]!.GetValue<string>();
            Assert.Matches("^shpat_[0-9a-f]{32}$", token);

            using var shop = await GetShopAsync(token);
            Assert.Equal(HttpStatusCode.OK, shop.StatusCode);
            Assert.Equal("test-store.myshopify.com", (await ReadJsonAsync(shop))["shop"]!["myshopify_domain"]!.GetValue<string>());
        }
        Assert.NotEqual((await ReadJsonAsync(form))["access_token"]!.GetValue<string>(), (await ReadJsonAsync(json))["access_token"]!.GetValue<string>());
    }

    [Fact]
    public async Task WrongSecretUnknownClientAndMissingParametersGetNoToken()
    {
        using var oauth = CreateOAuthClient();

        using var wrongSecret = await oauth.PostAsync("admin/oauth/access_token", Form(
            ("grant_type", "client_credentials"), ("client_id", ClientId), ("client_secret", "shpss_guessed")));
        using var unknownClient = await oauth.PostAsync("admin/oauth/access_token", Form(
            ("grant_type", "client_credentials"), ("client_id", "another-app"), ("client_secret", ClientSecret)));
        using var noSecret = await oauth.PostAsync("admin/oauth/access_token", Form(
            ("grant_type", "client_credentials"), ("client_id", ClientId)));
        using var password = await oauth.PostAsync("admin/oauth/access_token", Form(
            ("grant_type", "password"), ("client_id", ClientId), ("client_secret", ClientSecret)));

        foreach (var (response, status, error) in new[]
        {
            (wrongSecret, HttpStatusCode.Unauthorized, "invalid_client"),
            (unknownClient, HttpStatusCode.Unauthorized, "invalid_client"),
            (noSecret, HttpStatusCode.BadRequest, "invalid_request"),
            (password, HttpStatusCode.BadRequest, "unsupported_grant_type"),
        })
        {
            Assert.Equal(status, response.StatusCode);
            var body = await ReadJsonAsync(response);
            Assert.Equal(error, body["error"]!.GetValue<string>());
            Assert.False(string.IsNullOrWhiteSpace(body["error_description"]?.GetValue<string>()));
            Assert.Null(body["access_token"]);
        }
    }

    [Fact]
    public async Task ClientCredentialsTokenIsRefusedOnceItsLifetimeHasPassed()
    {
        var token = await ClientCredentialsTokenAsync();

        _time.Advance(TimeSpan.FromSeconds(86399));
        using var lastSecond = await GetShopAsync(token);
        _time.Advance(TimeSpan.FromSeconds(1));
        using var expired = await GetShopAsync(token);
        using var legacy = await Http.GetAsync("shop.json");

        Assert.Equal(HttpStatusCode.OK, lastSecond.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, expired.StatusCode);
        Assert.Equal(InvalidToken, (await ReadJsonAsync(expired))["errors"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, legacy.StatusCode);
    }

    [Fact]
    public async Task InstallPageListsTheScopesAndItsRedirectCarriesCodeShopStateTimestampAndAValidHmac()
    {
        var state = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
        const string redirectUri = RedirectUri + "?from=demo";
        using var oauth = CreateOAuthClient();

        using var page = await oauth.GetAsync(
            $"admin/oauth/authorize?client_id={ClientId}&scope=read_products,write_products&redirect_uri={Uri.EscapeDataString(redirectUri)}&state={state}");
        var html = await page.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Contains("test-store", html);
        Assert.Contains(ClientId, html);
        Assert.Contains("<li><code>read_products</code></li>", html);
        Assert.Contains("<li><code>write_products</code></li>", html);
        Assert.DoesNotContain("read_locations", html);
        Assert.Contains("Install app</button>", html);

        var timestamp = _time.GetUtcNow().ToUnixTimeSeconds();
        var (location, query) = await ApproveAsync(oauth, html);

        Assert.StartsWith(RedirectUri + "?", location.AbsoluteUri);
        Assert.Equal(["code", "from", "hmac", "host", "shop", "state", "timestamp"], query.Select(p => p.Key).Order());
        Assert.Equal("demo", query["from"]); // the redirect_uri's own query is kept, and signed with the rest
        Assert.Matches("^[0-9a-f]{32}$", query["code"]);
        Assert.Equal("test-store.myshopify.com", query["shop"]);
        Assert.Equal(state, query["state"]);
        Assert.Equal(timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture), query["timestamp"]);
        // Shopify's recipe: every parameter but hmac, sorted, joined as name=value with &, HMAC-SHA256 keyed with the client secret, hex.
        var message = string.Join('&', query.Where(p => p.Key != "hmac").OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}"));
        var expected = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(ClientSecret), Encoding.UTF8.GetBytes(message)));
        Assert.Equal(expected, query["hmac"]);
    }

    [Fact]
    public async Task AuthorizationCodeExchangesOnceForANonExpiringOfflineToken()
    {
        using var oauth = CreateOAuthClient();
        var code = await InstallAsync(oauth, "read_products,read_inventory");

        using var first = await oauth.PostAsync("admin/oauth/access_token", Form(("client_id", ClientId), ("client_secret", ClientSecret), ("code", code)));
        using var second = await oauth.PostAsync("admin/oauth/access_token", Form(("client_id", ClientId), ("client_secret", ClientSecret), ("code", code)));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var body = await ReadJsonAsync(first);
        Assert.Equal(["access_token", "scope"], body.Select(p => p.Key).Order());
        Assert.Equal("read_products,read_inventory", body["scope"]!.GetValue<string>());
        var token = body["access_token"]!.GetValue<string>();
        _time.Advance(TimeSpan.FromDays(400));
        using var shop = await GetShopAsync(token);
        Assert.Equal(HttpStatusCode.OK, shop.StatusCode);

        Assert.Equal(HttpStatusCode.BadRequest, second.StatusCode);
        var refusal = await ReadJsonAsync(second);
        Assert.Equal("invalid_request", refusal["error"]!.GetValue<string>());
        Assert.Equal("The authorization code was not found or was already used", refusal["error_description"]!.GetValue<string>());
    }

    [Fact]
    public async Task AuthorizationCodeIsRefusedAfterTenMinutesAndWithAWrongSecret()
    {
        using var oauth = CreateOAuthClient();
        var late = await InstallAsync(oauth);
        var kept = await InstallAsync(oauth);

        using var wrongSecret = await oauth.PostAsync("admin/oauth/access_token", Form(("client_id", ClientId), ("client_secret", "nope"), ("code", kept)));
        using var inTime = await oauth.PostAsync("admin/oauth/access_token", Form(("client_id", ClientId), ("client_secret", ClientSecret), ("code", kept)));
        _time.Advance(TimeSpan.FromMinutes(10));
        using var tooLate = await oauth.PostAsync("admin/oauth/access_token", Form(("client_id", ClientId), ("client_secret", ClientSecret), ("code", late)));

        Assert.Equal(HttpStatusCode.Unauthorized, wrongSecret.StatusCode);
        Assert.Equal(HttpStatusCode.OK, inTime.StatusCode); // a refused client does not spend the code
        Assert.Equal(HttpStatusCode.BadRequest, tooLate.StatusCode);
        Assert.Equal("invalid_request", (await ReadJsonAsync(tooLate))["error"]!.GetValue<string>());
    }

    [Fact]
    public async Task ExpiringOfflineTokenLastsAnHourAndItsRefreshTokenWorksOnce()
    {
        using var oauth = CreateOAuthClient();
        var code = await InstallAsync(oauth);

        using var exchange = await oauth.PostAsJsonAsync("admin/oauth/access_token",
            new { client_id = ClientId, client_secret = ClientSecret, code, expiring = 1 });
        var tokens = await ReadJsonAsync(exchange);
        Assert.Equal(HttpStatusCode.OK, exchange.StatusCode);
        Assert.Equal(["access_token", "expires_in", "refresh_token", "refresh_token_expires_in", "scope"], tokens.Select(p => p.Key).Order());
        Assert.Equal(3600, tokens["expires_in"]!.GetValue<long>());
        Assert.Equal(7_776_000, tokens["refresh_token_expires_in"]!.GetValue<long>());
        Assert.Equal(AppScopes, tokens["scope"]!.GetValue<string>());
        var access = tokens["access_token"]!.GetValue<string>();
        var refresh = tokens["refresh_token"]!.GetValue<string>();

        using var withinTheHour = await GetShopAsync(access);
        _time.Advance(TimeSpan.FromHours(1));
        using var afterTheHour = await GetShopAsync(access);
        using var refreshed = await oauth.PostAsync("admin/oauth/access_token", Form(
            ("grant_type", "refresh_token"), ("client_id", ClientId), ("client_secret", ClientSecret), ("refresh_token", refresh)));
        var renewed = await ReadJsonAsync(refreshed);
        using var withRenewed = await GetShopAsync(renewed["access_token"]!.GetValue<string>());
        using var again = await oauth.PostAsync("admin/oauth/access_token", Form(
            ("grant_type", "refresh_token"), ("client_id", ClientId), ("client_secret", ClientSecret), ("refresh_token", refresh)));

        Assert.Equal(HttpStatusCode.OK, withinTheHour.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, afterTheHour.StatusCode);
        Assert.Equal(HttpStatusCode.OK, refreshed.StatusCode);
        Assert.Equal(3600, renewed["expires_in"]!.GetValue<long>());
        Assert.NotEqual(refresh, renewed["refresh_token"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, withRenewed.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.Equal("invalid_grant", (await ReadJsonAsync(again))["error"]!.GetValue<string>());
    }

    [Fact]
    public async Task PerUserInstallGivesAnOnlineTokenThatNamesItsUser()
    {
        using var oauth = CreateOAuthClient();
        var code = await InstallAsync(oauth, "read_products", perUser: true);

        using var exchange = await oauth.PostAsync("admin/oauth/access_token", Form(("client_id", ClientId), ("client_secret", ClientSecret), ("code", code)));
        var body = await ReadJsonAsync(exchange);

        Assert.Equal(HttpStatusCode.OK, exchange.StatusCode);
        Assert.Matches("^shpua_[0-9a-f]{32}$", body["access_token"]!.GetValue<string>());
        Assert.Equal(86399, body["expires_in"]!.GetValue<long>());
        Assert.Equal("read_products", body["associated_user_scope"]!.GetValue<string>());
        Assert.True(body["associated_user"]!["account_owner"]!.GetValue<bool>());
        using var shop = await GetShopAsync(body["access_token"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, shop.StatusCode);
    }

    [Fact]
    public async Task IssuedTokensAndTheirExpirySurviveARestartOfTheStore()
    {
        var clientCredentials = await ClientCredentialsTokenAsync();
        string offline;
        using (var oauth = CreateOAuthClient())
        {
            var code = await InstallAsync(oauth);
            using var exchange = await oauth.PostAsync("admin/oauth/access_token", Form(("client_id", ClientId), ("client_secret", ClientSecret), ("code", code)));
            offline = (await ReadJsonAsync(exchange))["access_token"]!.GetValue<string>();
        }

        await RestartStoreAsync();
        using var clientCredentialsAfter = await GetShopAsync(clientCredentials);
        using var offlineAfter = await GetShopAsync(offline);
        _time.Advance(TimeSpan.FromHours(24));
        using var clientCredentialsExpired = await GetShopAsync(clientCredentials);
        using var offlineLater = await GetShopAsync(offline);

        Assert.Equal(HttpStatusCode.OK, clientCredentialsAfter.StatusCode);
        Assert.Equal(HttpStatusCode.OK, offlineAfter.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, clientCredentialsExpired.StatusCode);
        Assert.Equal(HttpStatusCode.OK, offlineLater.StatusCode);
    }

    [Fact]
    public async Task LegacyTokenStillWorksBesideIssuedTokensAndOthersAreRefused()
    {
        await ClientCredentialsTokenAsync();

        using var legacy = await Http.GetAsync("shop.json");
        using var guessed = await GetShopAsync("shpat_" + new string('0', 32));
        using var oauth = CreateOAuthClient();
        var code = await InstallAsync(oauth);
        using var codeAsToken = await GetShopAsync(code);

        Assert.Equal(HttpStatusCode.OK, legacy.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, guessed.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, codeAsToken.StatusCode);
    }

    [Fact]
    public async Task OAuthEndpointsNeedNoTokenAndDoNotCountAgainstTheApiBucket()
    {
        Store.Faults.Force429(1);

        var token = await ClientCredentialsTokenAsync();
        using var throttled = await Http.GetAsync("shop.json");
        using var next = await GetShopAsync(token);

        Assert.Equal(HttpStatusCode.TooManyRequests, throttled.StatusCode); // the forced 429 was left for the API
        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
        Assert.Equal(0, Store.Stats.Unauthorized);
    }

    [Theory]
    [InlineData("client_id=another-app&redirect_uri=https%3A%2F%2Fapp.example%2Fcb", "invalid_request: Could not find Shopify API application with api_key another-app")]
    [InlineData("client_id=" + ClientId + "&redirect_uri=javascript%3Aalert(1)", "invalid_request")]
    [InlineData("client_id=" + ClientId + "&redirect_uri=ftp%3A%2F%2Fapp.example%2Fcb", "invalid_request")]
    [InlineData("client_id=" + ClientId, "invalid_request")]
    [InlineData("client_id=" + ClientId + "&scope=read_orders&redirect_uri=https%3A%2F%2Fapp.example%2Fcb", "invalid_scope")]
    public async Task InstallPageRefusesUnknownAppsNonHttpRedirectsAndUngrantedScopes(string query, string error)
    {
        using var oauth = CreateOAuthClient();

        using var page = await oauth.GetAsync("admin/oauth/authorize?" + query);
        using var approval = await oauth.PostAsync("admin/oauth/authorize", new FormUrlEncodedContent(QueryHelpers.ParseQuery("?" + query)
            .Select(p => new KeyValuePair<string, string>(p.Key, p.Value.ToString()))));

        foreach (var response in new[] { page, approval })
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Null(response.Headers.Location);
            var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
            Assert.Contains("Oauth error " + error, html);
            Assert.DoesNotContain("<form", html);
        }
    }

    // ---------------------------------------------------------------- helpers

    /// <summary>A client at the store's origin that does not follow redirects (to read the install redirect).</summary>
    private HttpClient CreateOAuthClient() =>
        new(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = Store.BaseUrl };

    private async Task<HttpResponseMessage> GetShopAsync(string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(Store.BaseUrl, "admin/api/2026-10/shop.json"));
        request.Headers.Add("X-Shopify-Access-Token", token);
        using var http = new HttpClient();
        return await http.SendAsync(request);
    }

    private async Task<string> ClientCredentialsTokenAsync()
    {
        using var oauth = CreateOAuthClient();
        using var response = await oauth.PostAsync("admin/oauth/access_token", Form(
            ("grant_type", "client_credentials"), ("client_id", ClientId), ("client_secret", ClientSecret)));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await ReadJsonAsync(response))["access_token"]!.GetValue<string>();
    }

    /// <summary>Opens the install page, approves it, and returns the redirect's code.</summary>
    private static async Task<string> InstallAsync(HttpClient oauth, string? scope = null, bool perUser = false)
    {
        var url = $"admin/oauth/authorize?client_id={ClientId}&redirect_uri={Uri.EscapeDataString(RedirectUri)}&state=s1"
            + (scope is null ? "" : $"&scope={scope}") + (perUser ? "&grant_options[]=per-user" : "");
        using var page = await oauth.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var (_, query) = await ApproveAsync(oauth, await page.Content.ReadAsStringAsync());
        return query["code"];
    }

    /// <summary>Posts the install page's form as a browser would, and reads the redirect it answers with.</summary>
    private static async Task<(Uri Location, Dictionary<string, string> Query)> ApproveAsync(HttpClient oauth, string html)
    {
        var action = WebUtility.HtmlDecode(FormTag().Match(html).Groups["action"].Value);
        var fields = HiddenInput().Matches(html)
            .Select(m => new KeyValuePair<string, string>(WebUtility.HtmlDecode(m.Groups["name"].Value), WebUtility.HtmlDecode(m.Groups["value"].Value)))
            .ToList();
        Assert.NotEmpty(action);
        using var response = await oauth.PostAsync(action, new FormUrlEncodedContent(fields));
        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        var location = response.Headers.Location!;
        var query = QueryHelpers.ParseQuery(location.Query).ToDictionary(p => p.Key, p => p.Value.ToString(), StringComparer.Ordinal);
        return (location, query);
    }

    private static FormUrlEncodedContent Form(params (string Name, string Value)[] fields) =>
        new(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)));

    [GeneratedRegex("<form method=\"post\" action=\"(?<action>[^\"]+)\">")]
    private static partial Regex FormTag();

    [GeneratedRegex("<input type=\"hidden\" name=\"(?<name>[^\"]*)\" value=\"(?<value>[^\"]*)\">")]
    private static partial Regex HiddenInput();
}
