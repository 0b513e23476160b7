using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using SyncDashboard.Core.Shopify.Models;
using SyncDashboard.Core.Stores;

namespace SyncDashboard.Core.Shopify;

/// <summary>
/// Shopify's webhooks: the topics the engine subscribes (<c>products/create</c>, <c>products/update</c>,
/// <c>products/delete</c>, <c>inventory_levels/update</c>), the <c>X-Shopify-Hmac-Sha256</c> signature
/// (base64 HMAC-SHA256 of the raw body with the app's secret, compared in constant time, as Shopify's
/// "Verify webhooks" page describes), and the REST payloads of those topics as store-neutral events.
/// </summary>
public sealed class ShopifyWebhooks : IStoreWebhooks
{
    public const string ProductsCreate = "products/create";
    public const string ProductsUpdate = "products/update";
    public const string ProductsDelete = "products/delete";
    public const string InventoryLevelsUpdate = "inventory_levels/update";

    public IReadOnlyList<string> Topics { get; } = [ProductsCreate, ProductsUpdate, ProductsDelete, InventoryLevelsUpdate];

    public bool Verify(string secret, byte[] body, string? signature)
    {
        if (string.IsNullOrEmpty(signature) || string.IsNullOrEmpty(secret))
        {
            return false;
        }
        var expected = Encoding.ASCII.GetBytes(Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body)));
        return CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(signature.Trim()));
    }

    public StoreEvent? Parse(string topic, byte[] body)
    {
        try
        {
            return topic switch
            {
                ProductsCreate or ProductsUpdate =>
                    new StoreEvent.ProductChanged(ShopifyProductMapper.ToStoreProduct(JsonSerializer.Deserialize<ShopifyProduct>(body, ShopifyJson.Requests)!)),
                ProductsDelete => new StoreEvent.ProductDeleted(JsonDocument.Parse(body).RootElement.GetProperty("id").GetInt64()),
                InventoryLevelsUpdate => Level(JsonSerializer.Deserialize<ShopifyInventoryLevel>(body, ShopifyJson.Requests)!),
                _ => null,
            };
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or NullReferenceException)
        {
            throw new FormatException($"The {topic} delivery could not be read: {e.Message}", e);
        }
    }

    private static StoreEvent.InventoryLevelChanged Level(ShopifyInventoryLevel level) =>
        new(level.InventoryItemId, level.LocationId, level.Available, level.UpdatedAt);
}
