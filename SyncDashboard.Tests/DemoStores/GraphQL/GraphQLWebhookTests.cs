using System.Text.Json.Nodes;
using SyncDashboard.Tests.Infrastructure;

namespace SyncDashboard.Tests.DemoStores.GraphQL;

/// <summary>Changes made through GraphQL reach subscribers exactly as REST-made ones do.</summary>
public sealed class GraphQLWebhookTests : GraphQLTestBase
{
    [Fact]
    public async Task ProductSetAndInventorySetRaiseTheRestTopicsWithAnEventIdPerChange()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        foreach (var topic in new[] { "PRODUCTS_CREATE", "PRODUCTS_UPDATE", "INVENTORY_LEVELS_UPDATE" })
        {
            await DataAsync($$"""
                mutation { webhookSubscriptionCreate(topic: {{topic}}, webhookSubscription: { uri: "{{receiver.Address}}" }) { userErrors { message } } }
                """);
        }

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
}
