using System.Security.Cryptography;
using System.Text;
using SyncDashboard.Core.Shopify;
using SyncDashboard.Core.Stores;

namespace SyncDashboard.Tests.Rules;

/// <summary>
/// The Shopify adapter's webhooks, pure: the <c>X-Shopify-Hmac-Sha256</c> check and the topic payloads
/// read into store-neutral events (the engine never sees Shopify's shapes).
/// </summary>
public sealed class ShopifyWebhooksTests
{
    private readonly ShopifyWebhooks webhooks = new();

    [Fact]
    public void TheSignatureIsTheBase64HmacOfTheRawBody()
    {
        var body = Encoding.UTF8.GetBytes("""{"id":1}""");
        var signature = Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes("secret"), body));

        Assert.True(webhooks.Verify("secret", body, signature));
        Assert.False(webhooks.Verify("other-secret", body, signature));
        Assert.False(webhooks.Verify("secret", Encoding.UTF8.GetBytes("""{"id":2}"""), signature));
        Assert.False(webhooks.Verify("secret", body, null));
        Assert.False(webhooks.Verify("", body, signature));
    }

    [Fact]
    public void AProductUpdateBecomesAProductChange()
    {
        var body = """
            {"id":42,"title":"Lantern","status":"active","updated_at":"2026-11-29T10:00:00Z",
             "variants":[{"id":7,"product_id":42,"sku":"LANT-1","price":"30.00","inventory_item_id":70,"inventory_quantity":4}]}
            """u8.ToArray();

        var change = Assert.IsType<StoreEvent.ProductChanged>(webhooks.Parse("products/update", body));

        Assert.Equal(42, change.Product.Id);
        Assert.Equal("Lantern", change.Product.Title);
        var variant = Assert.Single(change.Product.Variants);
        Assert.Equal("LANT-1", variant.Sku);
        Assert.Equal(30.00m, variant.Price);
        Assert.Equal(70L, variant.InventoryItemId);
    }

    [Fact]
    public void ADeletionAndAnInventoryLevelBecomeTheirEvents()
    {
        var deleted = Assert.IsType<StoreEvent.ProductDeleted>(webhooks.Parse("products/delete", """{"id":42}"""u8.ToArray()));
        Assert.Equal(42, deleted.ProductId);

        var level = Assert.IsType<StoreEvent.InventoryLevelChanged>(webhooks.Parse("inventory_levels/update",
            """{"inventory_item_id":70,"location_id":5,"available":3,"updated_at":"2026-11-29T10:00:00Z"}"""u8.ToArray()));
        Assert.Equal(new StoreEvent.InventoryLevelChanged(70, 5, 3, DateTimeOffset.Parse("2026-11-29T10:00:00Z")), level);

        var untracked = Assert.IsType<StoreEvent.InventoryLevelChanged>(webhooks.Parse("inventory_levels/update",
            """{"inventory_item_id":70,"location_id":5,"available":null}"""u8.ToArray()));
        Assert.Null(untracked.Available);
    }

    [Fact]
    public void ATopicTheEngineDoesNotUseIsIgnoredAndABadBodyIsAFormatError()
    {
        Assert.Null(webhooks.Parse("orders/create", """{"id":1}"""u8.ToArray()));
        Assert.Throws<FormatException>(() => webhooks.Parse("products/update", "not json"u8.ToArray()));
        Assert.Throws<FormatException>(() => webhooks.Parse("products/delete", """{"title":"no id"}"""u8.ToArray()));
    }

    [Fact]
    public void TheEngineSubscribesExactlyTheTopicsItReads()
    {
        Assert.Equal(["products/create", "products/update", "products/delete", "inventory_levels/update"], webhooks.Topics);
        Assert.All(webhooks.Topics, topic => Assert.NotNull(webhooks.Parse(topic, """{"id":1,"title":"x","inventory_item_id":1,"location_id":1}"""u8.ToArray())));
    }
}
