using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using SyncDashboard.Core.Activity;
using SyncDashboard.Core.Connections;
using SyncDashboard.Core.Shopify.Models;
using SyncDashboard.Core.Stores;
using SyncDashboard.DemoStores;
using SyncDashboard.Tests.Infrastructure;

namespace SyncDashboard.Tests.Engine;

/// <summary>
/// Install links, end to end over HTTP: the dashboard makes a link, the demo store's install page approves
/// it and sends the owner back to the dashboard's callback, which connects the store, or refuses a
/// callback it cannot trust (forged signature, unknown, used or expired state, another shop) without
/// changing anything.
/// </summary>
public abstract partial class StoreInstallTests(StoreApi adapter) : EngineTestBase(adapter), IAsyncLifetime
{
    /// <summary>These tests over the GraphQL Admin API.</summary>
    public sealed class GraphQL() : StoreInstallTests(StoreApi.GraphQL);

    /// <summary>These tests over the REST Admin API.</summary>
    public sealed class Rest() : StoreInstallTests(StoreApi.Rest);

    private const string ClientId = "client-other-shop";
    private const string ClientSecret = "shpss_other_shop";

    private DemoStoreServer _other = null!;
    private readonly HttpClient _browser = new(new HttpClientHandler { AllowAutoRedirect = false }) { Timeout = TimeSpan.FromSeconds(60) };
    private HttpClient? _merchant;
    private readonly ShiftedTimeProvider _otherClock = new();

    /// <summary>The merchant's browser, signed in to the dashboard (the callback then goes back to the Stores page).</summary>
    private async Task<HttpClient> MerchantAsync() => _merchant ??= await Dashboard.SignedInClientAsync();

    async Task IAsyncLifetime.InitializeAsync()
    {
        await InitializeAsync();
        // Another merchant's store: only the app's client id and secret, and its owner's approval, open it.
        _other = await DemoStoreServer.StartAsync(new DemoStoreOptions
        {
            Name = "other-shop", Domain = "other-shop.myshopify.com", AccessToken = "", WebhookSecret = "legacy-secret",
            ClientId = ClientId, ClientSecret = ClientSecret,
        }, Dashboard.Data.File("other-shop.db"), timeProvider: _otherClock);
        Dashboard.AllowStoreAddress(_other.BaseUrl);
        await _other.SeedAsync([new ShopifyProduct { Title = "Teapot", Variants = [new ShopifyVariant { Sku = "TEAPOT-1", Price = 25m, InventoryQuantity = 3 }] }]);
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        _browser.Dispose();
        await _other.DisposeAsync();
        await DisposeAsync();
    }

    [Fact]
    public async Task AnApprovedInstallLinkConnectsTheStoreWithTheTokenItGave()
    {
        var callback = await ApprovedCallbackAsync();

        // The other store's owner, who has no account here, lands on a page of its own, not on the merchant's dashboard.
        using var landed = await _browser.GetAsync(callback);

        Assert.Equal(HttpStatusCode.OK, landed.StatusCode);
        var page = await landed.Content.ReadAsStringAsync();
        Assert.Contains("Your store is connected", page);
        Assert.DoesNotContain("/stores", page);
        int id;
        await using (var pending = await DbAsync())
        {
            id = await pending.PendingStoreInstalls.Where(p => p.Name == "Other Shop").Select(p => p.Id).SingleAsync();
        }
        var connection = await ConnectionAsync("Other Shop");
        Assert.Equal((StoreRole.Source, StoreCredentialKind.AuthorizationCode, Adapter, ClientId, "other-shop.myshopify.com"),
            (connection.Role, connection.Credentials, connection.Api, connection.ClientId, connection.ShopDomain));
        var service = Get<StoreConnectionService>();
        Assert.StartsWith("shpat_", service.Unprotect(connection.ProtectedAccessToken)); // the offline token the code was exchanged for
        Assert.Equal(ClientSecret, service.Unprotect(connection.ProtectedClientSecret!));
        Assert.Equal(ClientSecret, service.WebhookSecretFor(connection));
        Assert.Equal("TEAPOT-1", (await MirroredAsync(connection.Id, q => q)).Variants.Single().Sku); // onboarding read the catalogue
        Assert.Equal(4, _other.Catalogue.ListWebhooks().Count); // and subscribed the webhooks
        var outcome = await Get<StoreInstaller>().OutcomeAsync(id);
        Assert.Equal(new StoreInstallOutcome(true, "Connected Other Shop (other-shop.myshopify.com): its owner approved the install, its catalogue was read and its webhooks subscribed."),
            outcome);
        await using var db = await DbAsync();
        Assert.Contains(await db.Activity.Where(a => a.StoreId == connection.Id).ToListAsync(),
            a => a is { Kind: ActivityKind.Connection, Severity: ActivitySeverity.Success } && a.Message == "Connected Source store Other Shop (other-shop.myshopify.com) through an install link its owner approved.");
        Assert.DoesNotContain(await db.Activity.ToListAsync(), a => a.Message.Contains(ClientSecret) || a.Message.Contains("shpat_"));
    }

    [Fact]
    public async Task AnInstallKeepsWorkingPastItsHourByRefreshingItsExpiringTokenAndSavesEachNewPair()
    {
        var callback = await ApprovedCallbackAsync();
        using var landed = await _browser.GetAsync(callback);
        var service = Get<StoreConnectionService>();
        var installed = await ConnectionAsync("Other Shop");
        var (firstAccess, firstRefresh) = (service.Unprotect(installed.ProtectedAccessToken), service.Unprotect(installed.ProtectedRefreshToken!));

        // Asked with expiring=1: an hour's token and a 90-day refresh token (public apps must from 2027-01-01).
        Assert.StartsWith("shprt_", firstRefresh);
        Assert.InRange(installed.AccessTokenExpiresAt!.Value - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(55), TimeSpan.FromMinutes(61));
        Assert.InRange(installed.RefreshTokenExpiresAt!.Value - DateTimeOffset.UtcNow, TimeSpan.FromDays(89), TimeSpan.FromDays(91));

        _otherClock.Offset = TimeSpan.FromMinutes(61); // an hour later at the store: the first token is refused there
        var shop = await service.ClientFor(installed).GetShopAsync();

        Assert.Equal("other-shop.myshopify.com", shop.Domain);
        var refreshed = await ConnectionAsync("Other Shop");
        Assert.NotEqual(firstAccess, service.Unprotect(refreshed.ProtectedAccessToken));
        Assert.NotEqual(firstRefresh, service.Unprotect(refreshed.ProtectedRefreshToken!)); // rotated, and saved before use
        Assert.True(refreshed.AccessTokenExpiresAt > installed.AccessTokenExpiresAt);
        // A client made from the saved connection (as after a restart) goes on with the saved pair.
        Assert.Equal("other-shop.myshopify.com", (await service.ClientFor(refreshed).GetShopAsync()).Domain);
    }

    [Fact]
    public async Task ACallbackWithAForgedSignatureOrAnUnknownStateIsRefusedAndSavesNothing()
    {
        var callback = await ApprovedCallbackAsync();
        var query = Query(callback);
        var before = await CountsAsync();

        var forged = await RefusedAsync(With(callback, query, ("hmac", Flip(query["hmac"]))));
        var otherShop = await RefusedAsync(With(callback, query, ("shop", "someone-else.myshopify.com"))); // the signature no longer matches
        var signedWithAnotherSecret = await RefusedAsync(Signed(callback, query, "shpss_guessed"));
        var unknownState = await RefusedAsync(Signed(callback, query, ClientSecret, ("state", Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)))));
        var noCode = await RefusedAsync(new Uri(callback.GetLeftPart(UriPartial.Path) + "?state=" + query["state"]));

        foreach (var message in new[] { forged, otherShop, signedWithAnotherSecret })
        {
            Assert.Equal("The install's signature does not match the app's client secret, so it was not trusted and nothing was connected. " +
                "If the owner did approve, check the client secret and make a new install link.", message);
        }
        Assert.Equal("This install was not started from this dashboard's install link (its state is unknown), so nothing was connected. " +
            "Make a new install link on the Stores page.", unknownState);
        Assert.StartsWith("This address only takes stores sending their owner back after an install", noCode);
        Assert.Equal(before, await CountsAsync()); // no connection, no Activity entry, the link still unused
        await using (var db = await DbAsync())
        {
            Assert.Null((await db.PendingStoreInstalls.SingleAsync()).UsedAt);
        }
        Assert.Empty(_other.Catalogue.ListWebhooks());

        // Nothing was used up: the genuine callback still connects the store.
        using var genuine = await (await MerchantAsync()).GetAsync(callback);
        Assert.Equal(HttpStatusCode.Redirect, genuine.StatusCode);
        Assert.Equal(ClientId, (await ConnectionAsync("Other Shop")).ClientId);
    }

    [Fact]
    public async Task AReplayedOrExpiredCallbackIsRefused()
    {
        var callback = await ApprovedCallbackAsync();
        var late = await ApprovedCallbackAsync("Other Shop Again"); // a second link, approved too, that expires before it is used
        using var first = await (await MerchantAsync()).GetAsync(callback);
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        var before = await CountsAsync();

        var replayed = await RefusedAsync(callback);
        await using (var db = await DbAsync())
        {
            var state = Query(late)["state"];
            await db.PendingStoreInstalls.Where(p => p.State == state).ExecuteUpdateAsync(s => s.SetProperty(p => p.ExpiresAt, DateTimeOffset.UtcNow.AddSeconds(-1)));
        }
        var expired = await RefusedAsync(late);

        Assert.Equal("This install link was used already, so nothing more was connected. Make a new install link on the Stores page if needed.", replayed);
        Assert.Equal("This install link has expired, so nothing was connected. Make a new install link on the Stores page.", expired);
        Assert.Equal(before, await CountsAsync());
        await using (var db = await DbAsync())
        {
            Assert.Equal(["Other Shop"], await db.StoreConnections.Where(c => c.Name.StartsWith("Other Shop")).Select(c => c.Name).ToListAsync());
        }
    }

    [Fact]
    public async Task AnInstallSignedForAnotherShopConnectsNothing()
    {
        // Signed with the app's secret, but naming a shop that is not the store the link was made for:
        // the code is exchanged at the link's store only, and the store says which shop it is.
        var callback = await ApprovedCallbackAsync();
        var query = Query(callback);

        using var landed = await (await MerchantAsync()).GetAsync(Signed(callback, query, ClientSecret, ("shop", "someone-else.myshopify.com")));

        Assert.Equal(HttpStatusCode.Redirect, landed.StatusCode);
        var id = int.Parse(landed.Headers.Location!.OriginalString.Split('=')[1], System.Globalization.CultureInfo.InvariantCulture);
        var outcome = await Get<StoreInstaller>().OutcomeAsync(id);
        Assert.Equal(new StoreInstallOutcome(false,
            $"The install was approved on someone-else.myshopify.com, but the store at {_other.BaseUrl.ToString().TrimEnd('/')} is other-shop.myshopify.com: nothing was connected."), outcome);
        await using var db = await DbAsync();
        Assert.False(await db.StoreConnections.AnyAsync(c => c.Name == "Other Shop"));
        Assert.Contains(await db.Activity.ToListAsync(), a => a.Severity == ActivitySeverity.Warning && a.Message.StartsWith("The install link for Other Shop", StringComparison.Ordinal));
        Assert.Equal("This install link was used already, so nothing more was connected. Make a new install link on the Stores page if needed.", await RefusedAsync(callback));
    }

    [Fact]
    public async Task ALinkIsRefusedForANameOrStoreAlreadyConnected()
    {
        var installer = Get<StoreInstaller>();
        var urban = Dashboard.DemoStore("urban-threads");

        var sameName = await installer.CreateLinkAsync(new NewStoreInstall("urban threads", StoreRole.Source, _other.BaseUrl.ToString(), ClientId, ClientSecret, Adapter));
        var sameStore = await installer.CreateLinkAsync(new NewStoreInstall("Urban Again", StoreRole.Source, urban.BaseUrl.ToString(), "demo-client-urban-threads", "shpss_demo_urban_threads", Adapter));
        var incomplete = await installer.CreateLinkAsync(new NewStoreInstall("", StoreRole.Source, "shop", "", "", Adapter));

        Assert.Equal((false, "A store named \"urban threads\" is already connected."), (sameName.Succeeded, sameName.Message));
        Assert.Equal((false, $"{urban.BaseUrl.Host} is already connected as Source \"Urban Threads\": each shop can be connected once."), (sameStore.Succeeded, sameStore.Message));
        Assert.Equal("Give the store a name. 'shop' is not a store address such as https://my-shop.myshopify.com. " +
            "The app's client id is required (the app's settings in Shopify's Dev Dashboard). The app's client secret is required (it also proves webhooks come from the store).",
            incomplete.Message);
        Assert.All(new[] { sameName, sameStore, incomplete }, r => Assert.Null(r.Link));
        await using var db = await DbAsync();
        Assert.Empty(await db.PendingStoreInstalls.ToListAsync());
    }

    [Fact]
    public async Task ACodeExchangeAnsweredByWhatIsNotAShopifyStoreSaysSoAndARefusedCodeIsTold()
    {
        var installs = Get<IStoreAppInstalls>();

        // The dashboard itself (its address allowed, as an operator may allow one inside the network) answers there,
        // with no token endpoint: said so, not blamed on the app's credentials.
        Dashboard.AllowStoreAddress(Dashboard.BaseUrl);
        var notAStore = await Assert.ThrowsAsync<StoreApiException>(() =>
            installs.ExchangeCodeAsync(Dashboard.BaseUrl, new StoreAppCredentials(ClientId, ClientSecret), "a-code"));
        var refused = await Assert.ThrowsAsync<StoreApiException>(() =>
            installs.ExchangeCodeAsync(_other.BaseUrl, new StoreAppCredentials(ClientId, ClientSecret), "never-issued"));

        Assert.Equal(HttpStatusCode.NotFound, notAStore.StatusCode);
        Assert.Contains("does not answer as a Shopify store", notAStore.Message);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Contains("refused the app's client id or secret, or the install's code", refused.Message);
    }

    /// <summary>Makes an install link for the other merchant's store, approves it on the store's install page, and returns where the store sends the owner.</summary>
    private async Task<Uri> ApprovedCallbackAsync(string name = "Other Shop")
    {
        var made = await Get<StoreInstaller>().CreateLinkAsync(new NewStoreInstall(name, StoreRole.Source, _other.BaseUrl.ToString(), ClientId, ClientSecret, Adapter));
        Assert.True(made.Succeeded, made.Message);
        var link = made.Link!;
        Assert.Equal(_other.BaseUrl.GetLeftPart(UriPartial.Authority) + "/admin/oauth/authorize", link.GetLeftPart(UriPartial.Path));
        Assert.Equal(new Uri(Dashboard.BaseUrl, StoreInstaller.CallbackPath).AbsoluteUri, Query(link)["redirect_uri"]);

        var html = await _browser.GetStringAsync(link);
        var fields = HiddenInput().Matches(html)
            .Select(m => new KeyValuePair<string, string>(WebUtility.HtmlDecode(m.Groups["name"].Value), WebUtility.HtmlDecode(m.Groups["value"].Value)))
            .ToList();
        using var approved = await _browser.PostAsync(new Uri(_other.BaseUrl, "/admin/oauth/authorize"), new FormUrlEncodedContent(fields));
        Assert.Equal(HttpStatusCode.Found, approved.StatusCode);
        var callback = approved.Headers.Location!;
        Assert.StartsWith(new Uri(Dashboard.BaseUrl, StoreInstaller.CallbackPath).AbsoluteUri + "?", callback.AbsoluteUri);
        return callback;
    }

    /// <summary>Asks the dashboard's callback; it must answer 400 with its own page. Returns the page's message.</summary>
    private async Task<string> RefusedAsync(Uri callback)
    {
        using var response = await _browser.GetAsync(callback);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var html = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain(Query(callback).GetValueOrDefault("code") ?? "no code", html, StringComparison.Ordinal);
        return WebUtility.HtmlDecode(Regex.Match(html, "<p id=\"install-refused\">(?<m>[^<]*)</p>").Groups["m"].Value);
    }

    private async Task<(int Connections, int Activity, int Used)> CountsAsync()
    {
        await using var db = await DbAsync();
        return (await db.StoreConnections.CountAsync(), await db.Activity.CountAsync(), await db.PendingStoreInstalls.CountAsync(p => p.UsedAt != null));
    }

    private static Dictionary<string, string> Query(Uri uri) =>
        QueryHelpers.ParseQuery(uri.Query).ToDictionary(p => p.Key, p => p.Value.ToString(), StringComparer.Ordinal);

    /// <summary>The callback with some parameters replaced, its hmac kept.</summary>
    private static Uri With(Uri callback, Dictionary<string, string> query, params (string Name, string Value)[] changes)
    {
        var changed = new Dictionary<string, string>(query, StringComparer.Ordinal);
        foreach (var (name, value) in changes)
        {
            changed[name] = value;
        }
        return new Uri(callback.GetLeftPart(UriPartial.Path) + "?" + string.Join('&', changed.Select(p => $"{Uri.EscapeDataString(p.Key)}={Uri.EscapeDataString(p.Value)}")));
    }

    /// <summary>The callback with some parameters replaced and signed again with <paramref name="secret"/>, as Shopify signs (sorted, name=value, hex HMAC-SHA256).</summary>
    private static Uri Signed(Uri callback, Dictionary<string, string> query, string secret, params (string Name, string Value)[] changes)
    {
        var changed = new Dictionary<string, string>(query, StringComparer.Ordinal);
        foreach (var (name, value) in changes)
        {
            changed[name] = value;
        }
        changed.Remove("hmac");
        var message = string.Join('&', changed.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}"));
        changed["hmac"] = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(message)));
        return With(callback, changed);
    }

    private static string Flip(string hex) => (hex[0] == '0' ? '1' : '0') + hex[1..];

    [GeneratedRegex("<input type=\"hidden\" name=\"(?<name>[^\"]*)\" value=\"(?<value>[^\"]*)\">")]
    private static partial Regex HiddenInput();
}
