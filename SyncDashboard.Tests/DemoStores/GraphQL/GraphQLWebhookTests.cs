using System.Text.Json.Nodes;
using SyncDashboard.Tests.Infrastructure;

namespace SyncDashboard.Tests.DemoStores.GraphQL;

/// <summary>Changes made through GraphQL reach subscribers exactly as REST-made ones do.</summary>
public sealed class GraphQLWebhookTests : GraphQLTestBase
{
    private const string ClientId = "webhook-test-app";
    private const string ClientSecret = "shpss_webhook_test_app";

    protected override SyncDashboard.DemoStores.DemoStoreOptions CreateOptions()
    {
        var options = base.CreateOptions();
        options.ClientId = ClientId;
        options.ClientSecret = ClientSecret;
        return options;
    }

    [Fact]
    public async Task AnAppsSubscriptionsAreSignedWithItsClientSecretALegacyTokensWithTheWebhookSecret()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        using var http = new HttpClient();
        using var grant = await http.PostAsync(new Uri(Store.BaseUrl, "admin/oauth/access_token"), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["client_id"] = ClientId, ["client_secret"] = ClientSecret,
        }));
        var appToken = JsonNode.Parse(await grant.Content.ReadAsStringAsync())!["access_token"]!.GetValue<string>();
        await GraphQLAsync($$"""mutation { webhookSubscriptionCreate(topic: PRODUCTS_CREATE, webhookSubscription: { uri: "{{receiver.Address}}" }) { userErrors { message } } }""",
            token: appToken);
        await GraphQLAsync($$"""mutation { webhookSubscriptionCreate(topic: PRODUCTS_UPDATE, webhookSubscription: { uri: "{{receiver.Address}}" }) { userErrors { message } } }""");

        // Each app sees and manages its own subscriptions only, as on Shopify.
        var appSees = await GraphQLAsync("{ webhookSubscriptions(first: 10) { nodes { topic } } }", token: appToken);
        Assert.Equal(["PRODUCTS_CREATE"], appSees["data"]!["webhookSubscriptions"]!["nodes"]!.AsArray().Select(n => n!["topic"]!.GetValue<string>()));
        var legacySees = await DataAsync("{ webhookSubscriptions(first: 10) { nodes { topic } } }");
        Assert.Equal(["PRODUCTS_UPDATE"], legacySees["webhookSubscriptions"]!["nodes"]!.AsArray().Select(n => n!["topic"]!.GetValue<string>()));

        var product = await CreateWithSkusAsync("Signed twice", "SG-1");
        await DataAsync(ProductSet, new { identifier = new { id = product["id"]!.GetValue<string>() }, input = new { title = "Signed again" } });

        var received = await receiver.WaitForAsync(r => r.Count >= 2);
        string Expected(string secret, byte[] body) => Convert.ToBase64String(System.Security.Cryptography.HMACSHA256.HashData(System.Text.Encoding.UTF8.GetBytes(secret), body));
        var created = received.First(w => w.Topic == "products/create");
        var updated = received.First(w => w.Topic == "products/update");
        Assert.Equal(Expected(ClientSecret, created.Body), created.Headers["X-Shopify-Hmac-Sha256"]);
        Assert.Equal(Expected(Secret, updated.Body), updated.Headers["X-Shopify-Hmac-Sha256"]);

        await RestartStoreAsync(); // remembered across a restart
        await DataAsync(ProductSet, new { input = new { title = "After restart" } });
        var again = await receiver.WaitForAsync(r => r.Count(w => w.Topic == "products/create") >= 2);
        var afterRestart = again.Last(w => w.Topic == "products/create");
        Assert.Equal(Expected(ClientSecret, afterRestart.Body), afterRestart.Headers["X-Shopify-Hmac-Sha256"]);
    }

    [Fact]
    public async Task ProductSetAndInventorySetRaiseTheRestTopicsWithAnEventIdPerChange()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await SubscribeToProductsAndLevelsAsync(receiver);

        var product = await CreateWithSkusAsync("Evented", "EV-1");
        var item = product["variants"]!["nodes"]![0]!["inventoryItem"]!["id"]!.GetValue<string>();
        await DataAsync("""
            mutation Set($input: InventorySetQuantitiesInput!) { inventorySetQuantities(input: $input) @idempotent(key: "ev-1") { userErrors { message } } }
            """, new { input = new { name = "available", reason = "correction", quantities = new[] { new { inventoryItemId = item, locationId = await PrimaryLocationGidAsync(), quantity = 42, changeFromQuantity = 1 } } } });

        var received = await receiver.WaitForAsync(r => r.Any(w => w.Topic == "inventory_levels/update" && JsonNode.Parse(w.BodyText)!["available"]!.GetValue<int>() == 42));
        Assert.Contains(received, w => w.Topic == "products/create" && JsonNode.Parse(w.BodyText)!["title"]!.GetValue<string>() == "Evented");
        Assert.All(received, w =>
        {
            Assert.True(Guid.TryParse(w.Headers["X-Shopify-Event-Id"], out _));
            Assert.True(Guid.TryParse(w.Headers["X-Shopify-Webhook-Id"], out _));
            Assert.Equal(GraphQLVersion, w.Headers["X-Shopify-API-Version"]);
        });
        Assert.Equal(received.Count, received.Select(w => w.Headers["X-Shopify-Event-Id"]).Distinct().Count());
    }

    [Fact]
    public async Task AProductSetsCreateWebhookCarriesTheQuantitiesItSetAndIsTheOnlyProductWebhookOfTheMutation()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await SubscribeToProductsAndLevelsAsync(receiver);

        await CreateWithSkusAsync("Stocked at once", "SA-1", "SA-2"); // quantities 1 and 2 in the same productSet

        var received = await receiver.WaitForAsync(r => r.Count(w => w.Topic == "inventory_levels/update") >= 2);
        await Task.Delay(300); // a stray products/update would have come by now
        received = await receiver.WaitForAsync(_ => true);
        var products = received.Where(w => w.Topic.StartsWith("products/", StringComparison.Ordinal)).ToList();
        var created = Assert.Single(products);
        Assert.Equal("products/create", created.Topic);
        var quantities = JsonNode.Parse(created.BodyText)!["variants"]!.AsArray().Select(v => v!["inventory_quantity"]!.GetValue<int>());
        Assert.Equal([1, 2], quantities);
    }

    /// <summary>Subscribes the receiver to products/create, products/update and inventory_levels/update (with the legacy token).</summary>
    private async Task SubscribeToProductsAndLevelsAsync(WebhookReceiver receiver)
    {
        foreach (var topic in new[] { "PRODUCTS_CREATE", "PRODUCTS_UPDATE", "INVENTORY_LEVELS_UPDATE" })
        {
            await DataAsync($$"""
                mutation { webhookSubscriptionCreate(topic: {{topic}}, webhookSubscription: { uri: "{{receiver.Address}}" }) { userErrors { message } } }
                """);
        }
    }
}
