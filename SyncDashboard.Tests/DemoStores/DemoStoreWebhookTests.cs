using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using SyncDashboard.DemoStores;
using SyncDashboard.Tests.Infrastructure;

namespace SyncDashboard.Tests.DemoStores;

/// <summary>Webhook subscriptions and deliveries, signed and retried as Shopify does.</summary>
public sealed class DemoStoreWebhookTests : DemoStoreTestBase
{
    [Fact]
    public void SignatureMatchesAFixedHmacSha256TestVector()
    {
        // printf 'test-body' | openssl dgst -sha256 -hmac 'hush' -binary | base64
        Assert.Equal("cDj5CTYzd4GCakTziEe9HgdA+fVywjBEPMCl8pBFAwo=", DemoWebhookDispatcher.Sign("hush", Encoding.UTF8.GetBytes("test-body")));
    }

    [Fact]
    public async Task ProductChangesAreDeliveredSignedWithEveryShopifyHeader()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        foreach (var topic in new[] { "products/create", "products/update", "products/delete" })
        {
            await SubscribeAsync(topic, receiver.Address);
        }

        var product = await CreateProductAsync(new { title = "Signed" });
        var id = product["id"]!.GetValue<long>();
        using var update = await Http.PutAsJsonAsync($"products/{id}.json", new { product = new { id, title = "Signed again" } });
        using var delete = await Http.DeleteAsync($"products/{id}.json");

        var received = await receiver.WaitForAsync(r => r.Count >= 3);
        Assert.Equal(["products/create", "products/delete", "products/update"], received.Select(r => r.Topic).Order());
        foreach (var webhook in received)
        {
            var expected = Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), webhook.Body));
            Assert.Equal(expected, webhook.Headers["X-Shopify-Hmac-Sha256"]);
            Assert.Equal("test-store.myshopify.com", webhook.Headers["X-Shopify-Shop-Domain"]);
            Assert.Equal(Version, webhook.Headers["X-Shopify-API-Version"]);
            Assert.True(Guid.TryParse(webhook.Headers["X-Shopify-Webhook-Id"], out _));
            Assert.True(DateTimeOffset.TryParse(webhook.Headers["X-Shopify-Triggered-At"], out _));
            Assert.StartsWith("application/json", webhook.Headers["Content-Type"]);
        }
        var updated = JsonNode.Parse(received.Single(r => r.Topic == "products/update").BodyText)!;
        Assert.Equal("Signed again", updated["title"]!.GetValue<string>());
        Assert.Equal(id, JsonNode.Parse(received.Single(r => r.Topic == "products/delete").BodyText)!["id"]!.GetValue<long>());
    }

    [Fact]
    public async Task InventoryChangesAreDeliveredAsInventoryLevelsUpdate()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await SubscribeAsync("inventory_levels/update", receiver.Address);
        var product = await CreateProductAsync(new { title = "Stocked" });
        var itemId = product["variants"]![0]!["inventory_item_id"]!.GetValue<long>();

        using var set = await Http.PostAsJsonAsync("inventory_levels/set.json",
            new { location_id = Store.PrimaryLocationId, inventory_item_id = itemId, available = 12 });

        var webhook = Assert.Single(await receiver.WaitForAsync(r => r.Count >= 1));
        var body = JsonNode.Parse(webhook.BodyText)!;
        Assert.Equal(itemId, body["inventory_item_id"]!.GetValue<long>());
        Assert.Equal(Store.PrimaryLocationId, body["location_id"]!.GetValue<long>());
        Assert.Equal(12, body["available"]!.GetValue<int>());
    }

    [Fact]
    public async Task FailedDeliveryIsRetriedWithTheSameWebhookId()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await SubscribeAsync("products/create", receiver.Address);
        receiver.FailNext(2);

        await CreateProductAsync(new { title = "Retried" });

        var received = await receiver.WaitForAsync(r => r.Any(w => !w.AnsweredWithFailure));
        Assert.Equal(3, received.Count);
        Assert.Single(received.Select(r => r.Headers["X-Shopify-Webhook-Id"]).Distinct());
    }

    [Fact]
    public async Task DroppedDeliveriesNeverArrive()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await SubscribeAsync("products/create", receiver.Address);
        Store.Faults.WebhookDropRate = 1;

        await CreateProductAsync(new { title = "Lost" });
        Store.Faults.WebhookDropRate = 0;
        await CreateProductAsync(new { title = "Found" });

        var received = await receiver.WaitForAsync(r => r.Count >= 1);
        await Task.Delay(200);
        Assert.Single(receiver.Received);
        Assert.Contains("Found", received[0].BodyText);
        Assert.Equal(1, Store.WebhookDeliveries.Dropped);
    }

    [Fact]
    public async Task SubscriptionsCanBeListedAndDeletedAndBadOnesAreRefused()
    {
        var created = await SubscribeAsync("products/update", new Uri("https://example.test/hooks"));
        using var duplicate = await Http.PostAsJsonAsync("webhooks.json", new { webhook = new { topic = "products/update", address = "https://example.test/hooks", format = "json" } });
        using var badTopic = await Http.PostAsJsonAsync("webhooks.json", new { webhook = new { topic = "orders/explode", address = "https://example.test/hooks" } });
        using var badAddress = await Http.PostAsJsonAsync("webhooks.json", new { webhook = new { topic = "products/create", address = "not a url" } });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, duplicate.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, badTopic.StatusCode);
        Assert.NotNull((await ReadJsonAsync(badAddress))["errors"]!["address"]);

        var list = await Http.GetFromJsonAsync<JsonObject>("webhooks.json?topic=products/update");
        Assert.Equal(created, Assert.Single(list!["webhooks"]!.AsArray())!["id"]!.GetValue<long>());
        using var deleted = await Http.DeleteAsync($"webhooks/{created}.json");
        var after = await Http.GetFromJsonAsync<JsonObject>("webhooks/count.json");
        Assert.Equal(0, after!["count"]!.GetValue<int>());
    }

    private async Task<long> SubscribeAsync(string topic, Uri address)
    {
        using var response = await Http.PostAsJsonAsync("webhooks.json", new { webhook = new { topic, address = address.ToString(), format = "json" } });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await ReadJsonAsync(response))["webhook"]!["id"]!.GetValue<long>();
    }
}
