using System.Net.Http.Json;
using System.Text.Json.Nodes;
using SyncDashboard.Core.Shopify.Models;

namespace SyncDashboard.Tests.DemoStores;

/// <summary>
/// Fidelity checked with clients we did not write: Shopify's own REST client, the most used
/// community client, and Shopify's webhook validator, each pointed at a demo store by its address only.
/// </summary>
[Collection(NodeClientsCollection.Name)]
public sealed class ThirdPartyClientTests(NodeClients clients) : DemoStoreTestBase
{
    private static readonly TimeSpan ScriptTimeout = TimeSpan.FromSeconds(90);

    private Dictionary<string, string> Environment() => new()
    {
        ["STORE"] = $"{Store.BaseUrl.Host}:{Store.BaseUrl.Port}",
        ["TOKEN"] = Token,
        ["API_VERSION"] = Version,
        // shopify-api-node's autoLimit: the store's drain rate, and the library's default bucket of
        // 35 (it keeps 5 of Shopify's 40 in hand for requests still on the wire).
        ["RATE"] = "20",
        ["BUCKET"] = "35",
    };

    private Task SeedAsync(int count) => Store.SeedAsync(Enumerable.Range(1, count).Select(i => new ShopifyProduct
    {
        Title = $"Product {i:000}",
        Variants = [new ShopifyVariant { Sku = $"SKU-{i:000}", Price = 10 + i, InventoryQuantity = i }],
    }));

    [Fact]
    public async Task ShopifysOwnRestClientPagesCreatesUpdatesAndDeletesAgainstTheDemoStore()
    {
        Assert.NotNull(clients);
        await SeedAsync(120);

        var seen = JsonNode.Parse(await NodeClients.RunScriptAsync("admin-api-client.mjs", Environment(), ScriptTimeout))!;

        Assert.Equal(120, (int)seen["count"]!);
        Assert.Equal(3, (int)seen["pages"]!);
        Assert.Equal(120, (int)seen["listed"]!);
        Assert.Equal(120, (int)seen["distinct"]!);
        Assert.Equal(["limit", "page_info"], seen["nextLinkParams"]!.AsArray().Select(p => (string)p!).Order());
        Assert.Matches(@"^\d+/40$", (string)seen["callLimit"]!);
        Assert.Equal(201, (int)seen["createStatus"]!);
        Assert.Equal("""{"title":"Fidelity Tee","tags":"linen, summer","options":["Size"],"variants":[{"sku":"FID-S","price":"19.90","compareAt":"25.00","option1":"S"},{"sku":"FID-M","price":"21.00","compareAt":null,"option1":"M"}]}""",
            seen["created"]!.ToJsonString());
        Assert.Equal("Fidelity Tee, renamed", (string)seen["updatedTitle"]!);
        Assert.Equal((7, 5), ((int)seen["set"]!, (int)seen["adjusted"]!));
        Assert.Equal("[5]", seen["levels"]!.ToJsonString());
        Assert.Equal("""["id","title","variants"]""", seen["fields"]!.ToJsonString());
        Assert.Equal(5, (int)seen["inventoryQuantity"]!);
        Assert.Equal(201, (int)seen["metafieldCreated"]!);
        Assert.Equal("""["syncdashboard.source=supplier.myshopify.com/1"]""", seen["metafields"]!.ToJsonString());
        Assert.Equal("""{"status":201,"sku":"FID-L"}""", seen["variantAdded"]!.ToJsonString());
        Assert.Equal(200, (int)seen["variantDeleted"]!);
        Assert.Equal((201, 200, 200), ((int)seen["webhookCreated"]!, (int)seen["webhookDeleted"]!, (int)seen["deleted"]!));
        Assert.Equal("""{"status":404,"body":{"errors":"Not Found"}}""", seen["afterDelete"]!.ToJsonString());
        Assert.Equal(422, (int)seen["invalid"]!["status"]!);
        Assert.NotNull(seen["invalid"]!["body"]!["errors"]!["title"]);
        Assert.Equal(401, (int)seen["unauthorized"]!);
    }

    [Fact]
    public async Task ShopifyApiNodePagesAndPacesItselfFromTheCallLimitHeaderWithoutA429()
    {
        await SeedAsync(120);

        var seen = JsonNode.Parse(await NodeClients.RunScriptAsync("shopify-api-node.cjs", Environment(), ScriptTimeout))!;

        Assert.Equal(120, (int)seen["count"]!);
        Assert.Equal((120, 120), ((int)seen["listed"]!, (int)seen["distinct"]!));
        Assert.Equal("""["Title"]""", seen["defaultOption"]!.ToJsonString());
        Assert.Equal("""["Default Title"]""", seen["defaultVariant"]!.ToJsonString());
        Assert.Equal((11, 15), ((int)seen["set"]!, (int)seen["adjusted"]!));
        Assert.Equal("x, y", (string)seen["tags"]!);
        Assert.Equal(0, (int)seen["throttled"]!);
        Assert.Equal(40, (int)seen["callLimits"]!["max"]!);
        Assert.Equal(404, (int)seen["afterDelete"]!);
        Assert.Equal("test-store.myshopify.com", (string)seen["shop"]!);
    }

    [Theory]
    [InlineData(Secret, true)]
    [InlineData("another-apps-secret", false)]
    public async Task ShopifysWebhookValidatorAcceptsTheDemoStoresDeliveriesOnlyWithItsSecret(string secret, bool valid)
    {
        using var receiver = NodeClients.StartScript("webhook-receiver.mjs", new Dictionary<string, string> { ["SECRET"] = secret });
        try
        {
            var listening = await receiver.StandardOutput.ReadLineAsync().WaitAsync(ScriptTimeout);
            Assert.StartsWith("listening ", listening);
            var address = $"http://127.0.0.1:{listening!["listening ".Length..]}/webhooks";
            using (var subscribe = await Http.PostAsJsonAsync("webhooks.json", new { webhook = new { topic = "products/create", address, format = "json" } }))
            {
                Assert.True(subscribe.IsSuccessStatusCode, await subscribe.Content.ReadAsStringAsync());
            }

            await CreateProductAsync(new { title = "Hooked Tee", variants = new[] { new { sku = "HOOK-1", price = "9.00" } } });

            var line = await receiver.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30));
            var check = JsonNode.Parse(line!)!;
            Assert.Equal(valid, (bool)check["valid"]!);
            Assert.Equal("Hooked Tee", (string)check["body"]!["title"]!);
            if (valid)
            {
                Assert.Equal("PRODUCTS_CREATE", (string)check["topic"]!);
                Assert.Equal("test-store.myshopify.com", (string)check["domain"]!);
                Assert.Equal(Version, (string)check["apiVersion"]!);
                Assert.False(string.IsNullOrEmpty((string?)check["webhookId"]));
            }
            else
            {
                Assert.Equal("invalid_hmac", (string)check["reason"]!);
            }
        }
        finally
        {
            receiver.Kill(entireProcessTree: true);
        }
    }
}
