using Microsoft.EntityFrameworkCore;
using SyncDashboard.Core;
using SyncDashboard.Core.Activity;
using SyncDashboard.Core.Catalogue;
using SyncDashboard.Core.Connections;
using SyncDashboard.DemoStores;
using SyncDashboard.Core.Shopify;
using SyncDashboard.Core.Shopify.Models;
using SyncDashboard.Core.Webhooks;
using SyncDashboard.Core.Stores;
using SyncDashboard.Tests.Infrastructure;

namespace SyncDashboard.Tests.Engine;

public abstract class StoreConnectorTests(StoreApi adapter) : EngineTestBase(adapter)
{
    /// <summary>These tests over the GraphQL Admin API.</summary>
    public sealed class GraphQL() : StoreConnectorTests(StoreApi.GraphQL);

    /// <summary>These tests over the REST Admin API.</summary>
    public sealed class Rest() : StoreConnectorTests(StoreApi.Rest);

    /// <summary>A store call's attempt gives up before the connection test's own 5 seconds, so the test's limit is what a silent store meets.</summary>
    protected override IDictionary<string, string?> Settings
    {
        get
        {
            var settings = base.Settings;
            settings["Shopify:AttemptTimeout"] = "00:00:02";
            return settings;
        }
    }

    private static readonly string[] ExpectedTopics = ["inventory_levels/update", "products/create", "products/delete", "products/update"];

    [Fact]
    public async Task ConnectingAStoreReadsItsCatalogueAndSubscribesTheTopics()
    {
        await using var extra = await DemoStoreServer.StartAsync(new DemoStoreOptions
        {
            Name = "fourth", Domain = "fourth-store.myshopify.com", AccessToken = "shpat_fourth", WebhookSecret = "fourth-secret",
        }, Dashboard.Data.File("fourth.db"));
        Dashboard.AllowStoreAddress(extra.BaseUrl);
        await extra.SeedAsync([new ShopifyProduct { Title = "Lantern", Variants = [new ShopifyVariant { Sku = "LANT-1", Price = 30m, InventoryQuantity = 4 }] }]);
        var connector = Get<StoreConnector>();
        var publicUrl = Get<WebhookAddress>().BaseUrl();

        var (connection, message) = await connector.ConnectAsync(
            new NewStoreConnection("Fourth Store", StoreRole.Source, extra.BaseUrl.ToString(), "shpat_fourth", "fourth-secret"), publicUrl);

        Assert.NotNull(connection);
        Assert.Contains("fourth-store.myshopify.com", message);
        Assert.Null(connection!.LocationId); // a Source counts the stock of all its locations unless one is chosen
        Assert.Equal(ExpectedTopics, extra.Catalogue.ListWebhooks().Select(w => w.Topic).Order());
        await using var db = await DbAsync();
        var lantern = await db.Products.Include(p => p.Variants).SingleAsync(p => p.StoreId == connection.Id);
        Assert.Equal("LANT-1", lantern.Variants.Single().Sku);
        Assert.Equal(4, lantern.TotalInventory);
        Assert.DoesNotContain(await db.Activity.ToListAsync(), a => a.Message.Contains("shpat_fourth") || a.Message.Contains("fourth-secret"));
    }

    [Fact]
    public async Task WrongTokenOrAddressGivesAClearMessageAndConnectsNothing()
    {
        var connector = Get<StoreConnector>();
        var urban = Dashboard.DemoStore("urban-threads");

        var wrongToken = await connector.TestAsync(new NewStoreConnection("X", StoreRole.Source, urban.BaseUrl.ToString(), "shpat_wrong", "s"));
        var notAUrl = await connector.TestAsync(new NewStoreConnection("X", StoreRole.Source, "my shop", "t", "s"));
        var (connection, message) = await connector.ConnectAsync(new NewStoreConnection("Urban Again", StoreRole.Source, urban.BaseUrl.ToString(), "shpat_wrong", "s"), null);

        Assert.False(wrongToken.Succeeded);
        Assert.StartsWith("The store refused the access token.", wrongToken.Message);
        Assert.Equal("'my shop' is not a store address such as https://my-shop.myshopify.com.", notAUrl.Message);
        // https to a store that speaks plain HTTP: the real reason, not "see inner exception".
        var tls = await connector.TestAsync(new NewStoreConnection("X", StoreRole.Source, urban.BaseUrl.ToString().Replace("http://", "https://", StringComparison.Ordinal), "t", "s"));
        Assert.False(tls.Succeeded);
        Assert.StartsWith("The store could not be reached: ", tls.Message);
        Assert.DoesNotContain("inner exception", tls.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Null(connection);
        await using var db = await DbAsync();
        Assert.Equal(3, await db.StoreConnections.CountAsync());
    }

    [Fact]
    public async Task TheSameShopCannotBeConnectedTwiceNorTheDestinationAsASource()
    {
        var connector = Get<StoreConnector>();
        var urban = Dashboard.DemoStore("urban-threads");
        var northwind = Dashboard.DemoStore("northwind-outlet");

        // The same shop under another name, and even through another address (its domain gives it away).
        var (again, againMessage) = await connector.ConnectAsync(
            new NewStoreConnection("Urban Threads 2", StoreRole.Source, urban.BaseUrl.ToString(), "shpat_demo_urban_threads", "demo-secret-urban-threads"), null);
        var (other, otherMessage) = await connector.ConnectAsync(new NewStoreConnection("Urban via localhost", StoreRole.Source,
            urban.BaseUrl.ToString().Replace("127.0.0.1", "localhost", StringComparison.Ordinal), "shpat_demo_urban_threads", "demo-secret-urban-threads"), null);
        var (itself, itselfMessage) = await connector.ConnectAsync(
            new NewStoreConnection("Outlet as Source", StoreRole.Source, northwind.BaseUrl.ToString(), "shpat_demo_northwind_outlet", "demo-secret-northwind-outlet"), null);

        Assert.Null(again);
        Assert.Equal("urban-threads.myshopify.com is already connected as Source \"Urban Threads\": each shop can be connected once.", againMessage);
        Assert.Null(other);
        Assert.Equal(againMessage, otherMessage);
        Assert.Null(itself);
        Assert.Equal("northwind-outlet.myshopify.com is the Destination store: a store cannot be a Source of itself.", itselfMessage);
        // A name differing only in case is the same name to a merchant.
        var (sameName, sameNameMessage) = await connector.ConnectAsync(
            new NewStoreConnection("urban THREADS", StoreRole.Source, urban.BaseUrl.ToString(), "shpat_demo_urban_threads", "demo-secret-urban-threads"), null);
        Assert.Null(sameName);
        Assert.Equal("A store named \"urban THREADS\" is already connected.", sameNameMessage);
        // Said at once by the connection test, even for an address that does not answer.
        var takenName = await connector.TestAsync(new NewStoreConnection("URBAN threads", StoreRole.Source, $"http://127.0.0.1:{Infrastructure.FreePort.Next()}", "t", "s"));
        Assert.Equal((false, "A store named \"URBAN threads\" is already connected."), (takenName.Succeeded, takenName.Message));
        // The connection test says so too, before the merchant presses Connect.
        var tested = await connector.TestAsync(
            new NewStoreConnection("Outlet as Source", StoreRole.Source, northwind.BaseUrl.ToString(), "shpat_demo_northwind_outlet", "demo-secret-northwind-outlet"));
        Assert.False(tested.Succeeded);
        Assert.Equal(itselfMessage, tested.Message);
        var testedAgain = await connector.TestAsync(
            new NewStoreConnection("Urban Threads 2", StoreRole.Source, urban.BaseUrl.ToString(), "shpat_demo_urban_threads", "demo-secret-urban-threads"));
        Assert.Equal((false, againMessage), (testedAgain.Succeeded, testedAgain.Message));
        await using var db = await DbAsync();
        Assert.Equal(3, await db.StoreConnections.CountAsync());
        Assert.Equal(ExpectedTopics.Length, urban.Catalogue.ListWebhooks().Count); // nothing subscribed twice
    }

    [Fact]
    public async Task ClientIdAndSecretConnectAStoreWithATokenItGaveAndNoLegacyTokenIsSaved()
    {
        // A store whose only app is one of the Dev Dashboard: no legacy token opens its API.
        await using var extra = await DemoStoreServer.StartAsync(new DemoStoreOptions
        {
            Name = "own-store", Domain = "own-store.myshopify.com", AccessToken = "", WebhookSecret = "legacy-secret",
            ClientId = "client-own-store", ClientSecret = "shpss_own_store",
        }, Dashboard.Data.File("own-store.db"));
        Dashboard.AllowStoreAddress(extra.BaseUrl);
        await extra.SeedAsync([new ShopifyProduct { Title = "Kettle", Variants = [new ShopifyVariant { Sku = "KETTLE-1", Price = 40m, InventoryQuantity = 6 }] }]);
        var connector = Get<StoreConnector>();
        var tokens = Get<ShopifyAccessTokens>();
        var asked = tokens.Requested;

        var (connection, message) = await connector.ConnectAsync(NewStoreConnection.WithClientCredentials(
            "Own Store", StoreRole.Source, extra.BaseUrl.ToString(), "client-own-store", "shpss_own_store", Adapter), Get<WebhookAddress>().BaseUrl());

        Assert.NotNull(connection);
        Assert.Equal("Connected to own-store (own-store.myshopify.com).", message);
        Assert.True(tokens.Requested > asked); // the store was asked for a token with the client id and secret
        var saved = await ConnectionAsync("Own Store");
        Assert.Equal((StoreCredentialKind.ClientCredentials, Adapter, "client-own-store", "own-store.myshopify.com"),
            (saved.Credentials, saved.Api, saved.ClientId, saved.ShopDomain));
        Assert.Equal("", saved.ProtectedAccessToken); // tokens of the grant live in memory only
        var service = Get<StoreConnectionService>();
        Assert.Equal("shpss_own_store", service.Unprotect(saved.ProtectedClientSecret!));
        Assert.Equal("shpss_own_store", service.WebhookSecretFor(saved)); // the app's secret signs its webhooks
        Assert.DoesNotContain("shpss_own_store", saved.ProtectedClientSecret, StringComparison.Ordinal);
        await using var db = await DbAsync();
        var kettle = await db.Products.Include(p => p.Variants).SingleAsync(p => p.StoreId == saved.Id);
        Assert.Equal(("KETTLE-1", 6), (kettle.Variants.Single().Sku, kettle.TotalInventory));
        Assert.Equal(ExpectedTopics, extra.Catalogue.ListWebhooks().Select(w => w.Topic).Order());
        var activity = await db.Activity.Where(a => a.StoreId == saved.Id).Select(a => a.Message).ToListAsync();
        Assert.Contains("Connected Source store Own Store (own-store.myshopify.com) with the app's client id and secret.", activity);
        Assert.DoesNotContain(await db.Activity.ToListAsync(), a => a.Message.Contains("shpss_own_store") || a.Message.Contains("shpat_"));
    }

    [Fact]
    public async Task AWrongClientIdOrSecretGetsOurOwnMessageAndConnectsNothing()
    {
        var connector = Get<StoreConnector>();
        var urban = Dashboard.DemoStore("urban-threads");
        var address = urban.BaseUrl.ToString();

        var wrongSecret = await connector.TestAsync(NewStoreConnection.WithClientCredentials("Urban Again", StoreRole.Source, address, "demo-client-urban-threads", "shpss_wrong", Adapter));
        var wrongId = await connector.TestAsync(NewStoreConnection.WithClientCredentials("Urban Again", StoreRole.Source, address, "another-app", "shpss_demo_urban_threads", Adapter));
        var (connection, message) = await connector.ConnectAsync(
            NewStoreConnection.WithClientCredentials("Urban Again", StoreRole.Source, address, "demo-client-urban-threads", "shpss_wrong", Adapter), null);
        var missing = await connector.TestAsync(NewStoreConnection.WithClientCredentials("Urban Again", StoreRole.Source, address, " ", "", Adapter));

        foreach (var answer in new[] { wrongSecret.Message, wrongId.Message, message })
        {
            Assert.StartsWith("The store refused the app's client id or secret. Check them in the app's settings in Shopify's Dev Dashboard", answer);
            // The store's own words (RFC 6749 error body) are never shown.
            Assert.DoesNotContain("invalid_client", answer, StringComparison.Ordinal);
            Assert.DoesNotContain("Client authentication failed", answer, StringComparison.Ordinal);
        }
        Assert.False(wrongSecret.Succeeded || wrongId.Succeeded);
        Assert.Null(connection);
        Assert.Equal("The app's client id is required (the app's settings in Shopify's Dev Dashboard). " +
            "The app's client secret is required (it also proves webhooks come from the store).", missing.Message);
        // The right ones, for contrast: the refusal was about the secret, not the store.
        var right = await connector.TestAsync(NewStoreConnection.WithClientCredentials("Urban Again", StoreRole.Source, address, "demo-client-urban-threads", "shpss_demo_urban_threads", Adapter));
        Assert.Equal((false, "urban-threads.myshopify.com is already connected as Source \"Urban Threads\": each shop can be connected once."), (right.Succeeded, right.Message));
        // An address that answers, but not as a Shopify store (here the dashboard itself): refused for its loopback address,
        // and, once an operator allows that address, said not to be a store, not blamed on the credentials.
        var dashboard = NewStoreConnection.WithClientCredentials("Not a store", StoreRole.Source, Dashboard.BaseUrl.ToString().TrimEnd('/'),
            "demo-client-urban-threads", "shpss_demo_urban_threads", Adapter);
        var refused = await connector.TestAsync(dashboard);
        Assert.Equal((false, $"{PrivateAddress("127.0.0.1")}"), (refused.Succeeded, refused.Message));
        Dashboard.AllowStoreAddress(Dashboard.BaseUrl);
        var notAStore = await connector.TestAsync(dashboard);
        Assert.False(notAStore.Succeeded);
        Assert.Contains("does not answer as a Shopify store", notAStore.Message);
        await using var db = await DbAsync();
        Assert.Equal(3, await db.StoreConnections.CountAsync());
    }

    /// <summary>What a connection test says of an address on a private or local network, given as such or by a name resolving to it.</summary>
    private static string PrivateAddress(string address, string? name = null) =>
        (name is null ? $"{address} is an address" : $"{name} resolves to {address}, an address") +
        " on a private or local network, and SyncDashboard calls stores only at public addresses (such as https://my-shop.myshopify.com) " +
        "unless the setting Stores:AllowPrivateAddresses is true.";

    [Fact]
    public async Task AnAddressOnAPrivateOrLocalNetworkIsRefusedBeforeAnythingIsSentWhileTheDemoStoresStayAllowed()
    {
        // An internal service on loopback that is no demo store: a connection test must not reach it.
        await using var service = await AnsweringServer.StartAsync(200, "<html>internal admin page</html>");
        var connector = Get<StoreConnector>();
        var port = service.BaseUrl.Port;
        string[] addresses =
        [
            $"http://127.0.0.1:{port}", $"http://localhost:{port}", $"http://[::1]:{port}", $"http://0.0.0.0:{port}", "http://10.1.2.3",
            "https://172.20.0.5", "http://192.168.1.1:8080", "http://169.254.169.254", "http://100.64.0.1", "http://[fd12:3456::1]",
            "http://[fe80::1]", "http://[::ffff:10.0.0.1]",
        ];

        var started = System.Diagnostics.Stopwatch.StartNew();
        var answers = new Dictionary<string, ConnectionTestResult>();
        foreach (var address in addresses)
        {
            answers[address] = await connector.TestAsync(new NewStoreConnection("Internal", StoreRole.Source, address, "shpat_x", "s"));
        }
        var (connection, message) = await connector.ConnectAsync(new NewStoreConnection("Internal", StoreRole.Source, $"http://127.0.0.1:{port}", "shpat_x", "s"), null);
        var link = await Get<StoreInstaller>().CreateLinkAsync(new NewStoreInstall("Internal", StoreRole.Source, $"http://localhost:{port}", "client-x", "shpss_x", Adapter));

        Assert.Equal(0, service.Requests); // nothing was sent
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(5), $"took {started.Elapsed}: no address was even tried");
        Assert.All(answers.Values, a => Assert.False(a.Succeeded));
        Assert.All(answers.Values, a => Assert.EndsWith("unless the setting Stores:AllowPrivateAddresses is true.", a.Message));
        Assert.Equal(PrivateAddress("127.0.0.1"), answers[$"http://127.0.0.1:{port}"].Message);
        Assert.Matches("^localhost resolves to (127\\.0\\.0\\.1|::1), an address on a private or local network", answers[$"http://localhost:{port}"].Message);
        Assert.Equal(PrivateAddress("::1"), answers[$"http://[::1]:{port}"].Message);
        Assert.Equal(PrivateAddress("0.0.0.0"), answers[$"http://0.0.0.0:{port}"].Message);
        Assert.Equal(PrivateAddress("10.1.2.3"), answers["http://10.1.2.3"].Message);
        Assert.Equal(PrivateAddress("169.254.169.254"), answers["http://169.254.169.254"].Message);
        Assert.Equal(PrivateAddress("100.64.0.1"), answers["http://100.64.0.1"].Message);
        Assert.Equal(PrivateAddress("fd12:3456::1"), answers["http://[fd12:3456::1]"].Message);
        Assert.Equal(PrivateAddress("10.0.0.1"), answers["http://[::ffff:10.0.0.1]"].Message);
        Assert.Null(connection);
        Assert.Equal(PrivateAddress("127.0.0.1"), message);
        Assert.False(link.Succeeded);
        Assert.StartsWith("localhost resolves to ", link.Message);
        Assert.Null(link.Link);

        // The demo stores' own addresses stay allowed in demo mode, and only those: the port next to them is not.
        var policy = Get<StoreAddressPolicy>();
        foreach (var name in new[] { "northwind-outlet", "urban-threads", "hearth-and-home" })
        {
            var store = Dashboard.DemoStore(name).BaseUrl;
            Assert.Equal([System.Net.IPAddress.Loopback], await policy.ResolveAsync(store.IdnHost, store.Port));
        }
        await Assert.ThrowsAsync<StoreAddressRefusedException>(() => policy.ResolveAsync("127.0.0.1", Infrastructure.FreePort.Next()));
        var urban = Dashboard.DemoStore("urban-threads");
        var tested = await connector.TestAsync(new NewStoreConnection("Urban 2", StoreRole.Source, urban.BaseUrl.ToString(), "shpat_demo_urban_threads", "demo-secret-urban-threads"));
        Assert.Equal("urban-threads.myshopify.com", tested.Shop?.Domain); // the demo store answered
        await using var db = await DbAsync();
        Assert.Equal(3, await db.StoreConnections.CountAsync());
    }

    [Fact]
    public async Task WhatAnAllowedAddressAnswersIsNeverShownAndAClosedOrSilentPortFailsInTime()
    {
        const string secret = "db-password=hunter2";
        await using var service = await AnsweringServer.StartAsync(500, $"<html><body><h1>Internal Server Error</h1><pre>{secret} at 10.0.0.7:5432</pre></body></html>");
        Dashboard.AllowStoreAddress(service.BaseUrl); // as an operator allowing a service inside the network
        var connector = Get<StoreConnector>();
        var address = service.BaseUrl.ToString().TrimEnd('/');
        var origin = service.BaseUrl.GetLeftPart(UriPartial.Authority);
        var json = $$"""{"errors":"{{secret}}","error":"{{secret}}"}""";

        var answers = new List<string>();
        foreach (var (status, type, body) in new[]
        {
            (401, "application/json", json), (403, "application/json", json), (200, "application/json", json), (200, "text/html", json),
            (404, "text/html", json), (422, "application/json", json), (500, "text/html", service.Body),
        })
        {
            (service.Status, service.ContentType, service.Body) = (status, type, body);
            var started = System.Diagnostics.Stopwatch.StartNew();
            var answer = await connector.TestAsync(new NewStoreConnection("Internal", StoreRole.Source, address, "shpat_x", "s", Api: Adapter));
            Assert.True(started.Elapsed < TimeSpan.FromSeconds(6.5), $"{status}: took {started.Elapsed}");
            Assert.False(answer.Succeeded);
            answers.Add(answer.Message);
        }
        var credentials = await connector.TestAsync(NewStoreConnection.WithClientCredentials("Internal", StoreRole.Source, address, "client-x", "shpss_x", Adapter));
        var (connection, connectMessage) = await connector.ConnectAsync(new NewStoreConnection("Internal", StoreRole.Source, address, "shpat_x", "s", Api: Adapter), null);
        answers.AddRange([credentials.Message, connectMessage]);

        Assert.True(service.Requests > 0); // allowed, so asked
        Assert.All(answers, a => Assert.DoesNotContain("hunter2", a, StringComparison.Ordinal));
        Assert.All(answers, a => Assert.DoesNotContain("Internal Server Error", a, StringComparison.Ordinal));
        Assert.Equal("The store refused the access token. Check that it is the Admin API access token (shpat_...) of an installed app.", answers[0]);
        // The retries of a 500 may outlast the test's 5 seconds: either way the answer is named, never "no answer".
        Assert.Matches($@"^{System.Text.RegularExpressions.Regex.Escape(origin)} answered with (a server error \(HTTP 500\)|an error \(HTTP 500\) at each of \d+ tries within 5 seconds)\. If it is a Shopify store, test again in a moment; otherwise check the address\.$",
            answers[6]);
        Assert.Equal($"{address} does not answer as a Shopify store (no Admin API there). Check the address.", credentials.Message);
        Assert.Null(connection);

        // A closed port fails at once, not after the store client's retries.
        var closed = new Uri($"http://127.0.0.1:{Infrastructure.FreePort.Next()}");
        Dashboard.AllowStoreAddress(closed);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var refused = await connector.TestAsync(new NewStoreConnection("Closed", StoreRole.Source, closed.ToString(), "shpat_x", "s", Api: Adapter));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"took {clock.Elapsed}");
        Assert.Equal($"The store could not be reached: nothing accepts connections at {closed.GetLeftPart(UriPartial.Authority)}. Check the address and its port.", refused.Message);

        // One that accepts the connection and never answers is given up after the test's 5 seconds.
        await using var silent = await AnsweringServer.StartAsync(200, "{}", "application/json");
        silent.Delay = TimeSpan.FromMinutes(1);
        Dashboard.AllowStoreAddress(silent.BaseUrl);
        clock.Restart();
        var unanswered = await connector.TestAsync(new NewStoreConnection("Silent", StoreRole.Source, silent.BaseUrl.ToString(), "shpat_x", "s", Api: Adapter));
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(4.5), TimeSpan.FromSeconds(7));
        Assert.Equal($"{silent.BaseUrl.GetLeftPart(UriPartial.Authority)} gave no answer within 5 seconds. Check the address, then test again.", unanswered.Message);
    }

    [Fact]
    public async Task AStoreAnsweringServerErrorsUntilTheTestRunsOutOfTimeIsSaidToHaveAnsweredThem()
    {
        // Each 503 comes after 1.5 s, so the store client's retries outlast the test's 5 seconds.
        await using var failing = await AnsweringServer.StartAsync(503, "{\"errors\":\"down\"}", "application/json");
        failing.Delay = TimeSpan.FromSeconds(1.5);
        Dashboard.AllowStoreAddress(failing.BaseUrl);
        var origin = failing.BaseUrl.GetLeftPart(UriPartial.Authority);

        var answer = await Get<StoreConnector>().TestAsync(new NewStoreConnection("Failing", StoreRole.Source, failing.BaseUrl.ToString(), "shpat_x", "s", Api: Adapter));

        Assert.False(answer.Succeeded);
        Assert.Matches($@"^{System.Text.RegularExpressions.Regex.Escape(origin)} answered with an error \(HTTP 503\) at each of [2-9] tries within 5 seconds\. " +
            "If it is a Shopify store, test again in a moment; otherwise check the address\\.$", answer.Message);
        Assert.True(failing.Requests >= 2);
    }
}
