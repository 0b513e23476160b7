namespace SyncDashboard.Core.Shopify.Models;

// Shopify wraps every resource in an object named after it: {"product": {...}}, {"products": [...]}.

public sealed record ProductEnvelope(ShopifyProduct Product);

public sealed record ProductsEnvelope(List<ShopifyProduct> Products);

public sealed record CountEnvelope(long Count);

public sealed record InventoryLevelEnvelope(ShopifyInventoryLevel InventoryLevel);

public sealed record InventoryLevelsEnvelope(List<ShopifyInventoryLevel> InventoryLevels);

public sealed record LocationEnvelope(ShopifyLocation Location);

public sealed record LocationsEnvelope(List<ShopifyLocation> Locations);

public sealed record WebhookEnvelope(ShopifyWebhook Webhook);

public sealed record WebhooksEnvelope(List<ShopifyWebhook> Webhooks);

/// <summary>Body of <c>POST inventory_levels/set.json</c>.</summary>
public sealed record SetInventoryLevelRequest(long LocationId, long InventoryItemId, int Available);

/// <summary>Body of <c>POST inventory_levels/adjust.json</c>.</summary>
public sealed record AdjustInventoryLevelRequest(long LocationId, long InventoryItemId, int AvailableAdjustment);

public sealed record ShopEnvelope(ShopifyShop Shop);

public sealed record VariantEnvelope(ShopifyVariant Variant);

public sealed record MetafieldEnvelope(ShopifyMetafield Metafield);

public sealed record MetafieldsEnvelope(List<ShopifyMetafield> Metafields);
