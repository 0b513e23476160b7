using System.Text.Json;
using System.Text.Json.Nodes;
using SyncDashboard.Core.Shopify.Models;
using SyncDashboard.Core.Stores;

namespace SyncDashboard.Core.Shopify;

/// <summary>Shopify's REST shapes to and from the store-neutral models of <see cref="IStoreClient"/>.</summary>
public static class ShopifyProductMapper
{
    /// <summary>"b, a" → ["b", "a"]: split on commas, trimmed, empty ones dropped.</summary>
    public static IReadOnlyList<string> SplitTags(string? tags) =>
        string.IsNullOrWhiteSpace(tags)
            ? []
            : tags.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    /// <summary>["a", "b"] → "a, b", as Shopify writes them (a tag cannot hold a comma).</summary>
    public static string JoinTags(IEnumerable<string> tags) =>
        string.Join(", ", tags.Select(t => t.Trim()).Where(t => t.Length > 0));

    public static StoreProduct ToStoreProduct(ShopifyProduct product)
    {
        var optionCount = product.Options?.Count ?? 0;
        return new StoreProduct
        {
            Id = product.Id ?? throw new JsonException("The store sent a product without an id."),
            Title = product.Title ?? "",
            DescriptionHtml = product.BodyHtml,
            Vendor = product.Vendor,
            ProductType = product.ProductType,
            Handle = product.Handle,
            Tags = SplitTags(product.Tags),
            Status = product.Status,
            CreatedAt = product.CreatedAt,
            UpdatedAt = product.UpdatedAt,
            Options = [.. (product.Options ?? [])
                .OrderBy(o => o.Position ?? int.MaxValue)
                .Select(o => new StoreProductOption(o.Name ?? "", o.Values ?? []))],
            Variants = [.. (product.Variants ?? []).Select(v => ToStoreVariant(v, optionCount))],
            Images = [.. (product.Images ?? [])
                .Select((image, index) => new StoreImage(image.Id ?? 0, image.Src ?? "", image.Alt, image.Position ?? index + 1))
                .OrderBy(i => i.Position)],
        };
    }

    public static StoreVariant ToStoreVariant(ShopifyVariant variant, int optionCount = 3)
    {
        IEnumerable<string?> values = [variant.Option1, variant.Option2, variant.Option3];
        if (optionCount > 0)
        {
            values = values.Take(optionCount);
        }
        return new StoreVariant
        {
            Id = variant.Id ?? 0,
            Title = variant.Title,
            Sku = string.IsNullOrEmpty(variant.Sku) ? null : variant.Sku,
            Barcode = string.IsNullOrEmpty(variant.Barcode) ? null : variant.Barcode,
            Price = variant.Price ?? 0m,
            CompareAtPrice = variant.CompareAtPrice,
            OptionValues = [.. values.TakeWhile(v => v is not null).Select(v => v!)],
            Grams = variant.Grams,
            Weight = variant.Weight,
            WeightUnit = variant.WeightUnit,
            InventoryItemId = variant.InventoryItemId,
            InventoryQuantity = variant.InventoryQuantity,
            // REST: inventory_management "shopify" (or a fulfillment service) tracks stock; null does not.
            InventoryTracked = variant.InventoryManagement is not null,
            InventoryPolicy = variant.InventoryPolicy,
            Position = variant.Position,
        };
    }

    /// <summary>The body of <c>POST products.json</c>. Without options, Shopify gives the product its default "Title" option.</summary>
    public static ShopifyProduct ToShopifyProduct(StoreProductDraft draft) => new()
    {
        Title = draft.Title,
        BodyHtml = draft.DescriptionHtml,
        Vendor = draft.Vendor,
        ProductType = draft.ProductType,
        Handle = draft.Handle,
        Tags = draft.Tags.Count == 0 ? null : JoinTags(draft.Tags),
        Status = draft.Status,
        Options = draft.Options.Count == 0
            ? null
            : [.. draft.Options.Select((o, i) => new ShopifyOption { Name = o.Name, Position = i + 1, Values = [.. o.Values] })],
        Variants = draft.Variants.Count == 0 ? null : [.. draft.Variants.Select(ToShopifyVariant)],
        Images = draft.ImageSources.Count == 0
            ? null
            : [.. draft.ImageSources.Select((src, i) => new ShopifyImage { Src = src, Position = i + 1 })],
    };

    public static ShopifyVariant ToShopifyVariant(StoreVariantDraft draft) => new()
    {
        Sku = draft.Sku,
        Barcode = draft.Barcode,
        Price = draft.Price,
        CompareAtPrice = draft.CompareAtPrice,
        Option1 = draft.OptionValues.ElementAtOrDefault(0),
        Option2 = draft.OptionValues.ElementAtOrDefault(1),
        Option3 = draft.OptionValues.ElementAtOrDefault(2),
        Grams = draft.Grams,
        Weight = draft.Weight,
        WeightUnit = draft.WeightUnit,
        InventoryManagement = draft.InventoryTracked ? TrackedBy : null,
        InventoryPolicy = draft.InventoryPolicy,
    };

    /// <summary>REST's <c>inventory_management</c> value of a variant whose stock Shopify tracks.</summary>
    public const string TrackedBy = "shopify";

    /// <summary>
    /// The body of <c>POST products.json</c> as JSON: <see cref="ToShopifyProduct"/> plus what must be
    /// sent explicitly: <c>inventory_management: null</c> for an untracked variant (left out, the
    /// store would pick its default) and the product's <c>metafields</c>.
    /// </summary>
    public static JsonObject ToCreateBody(StoreProductDraft draft)
    {
        var product = JsonSerializer.SerializeToNode(ToShopifyProduct(draft), ShopifyJson.Requests)!.AsObject();
        if (product["variants"] is JsonArray variants)
        {
            for (var i = 0; i < variants.Count; i++)
            {
                variants[i]!.AsObject()["inventory_management"] = draft.Variants[i].InventoryTracked ? TrackedBy : null;
            }
        }
        if (draft.Metafields.Count > 0)
        {
            product["metafields"] = new JsonArray([.. draft.Metafields.Select(ToMetafieldJson)]);
        }
        return new JsonObject { ["product"] = product };
    }

    /// <summary>The body of <c>POST products/{id}/variants.json</c>, with <c>inventory_management</c> always sent.</summary>
    public static JsonObject ToVariantCreateBody(StoreVariantDraft draft)
    {
        var variant = JsonSerializer.SerializeToNode(ToShopifyVariant(draft), ShopifyJson.Requests)!.AsObject();
        variant["inventory_management"] = draft.InventoryTracked ? TrackedBy : null;
        return new JsonObject { ["variant"] = variant };
    }

    /// <summary>A metafield as REST writes it: namespace, key, value and type (and its id once saved).</summary>
    public static JsonObject ToMetafieldJson(StoreMetafield metafield)
    {
        var json = new JsonObject
        {
            ["namespace"] = metafield.Namespace,
            ["key"] = metafield.Key,
            ["value"] = metafield.Value,
            ["type"] = metafield.Type,
        };
        if (metafield.Id != 0)
        {
            json["id"] = metafield.Id;
        }
        return json;
    }

    public static StoreMetafield ToStoreMetafield(ShopifyMetafield metafield) =>
        new(metafield.Namespace ?? "", metafield.Key ?? "", metafield.Value ?? "", metafield.Type ?? "single_line_text_field") { Id = metafield.Id ?? 0 };

    /// <summary>
    /// The body of <c>PUT products/{id}.json</c> for <paramref name="update"/>: only the fields it sets.
    /// Shopify replaces a product's variants with the list sent, so variant changes carry every one of
    /// <paramref name="currentVariantIds"/> (the others with their id only, which changes nothing).
    /// A price change's <c>compare_at_price</c> is sent even when null, which clears it; an untracked
    /// variant is sent with <c>inventory_management: null</c>.
    /// </summary>
    public static JsonObject ToUpdateBody(long productId, StoreProductUpdate update, IReadOnlyList<long>? currentVariantIds)
    {
        var product = new ShopifyProduct
        {
            Id = productId,
            Title = update.Title,
            BodyHtml = update.DescriptionHtml,
            Vendor = update.Vendor,
            ProductType = update.ProductType,
            Tags = update.Tags is null ? null : JoinTags(update.Tags),
            Status = update.Status,
            Images = update.ImageSources is null
                ? null
                : [.. update.ImageSources.Select((src, i) => new ShopifyImage { Src = src, Position = i + 1 })],
        };
        var body = JsonSerializer.SerializeToNode(product, ShopifyJson.Requests)!.AsObject();
        if (update.Variants is { Count: > 0 } changed)
        {
            var changes = new Dictionary<long, StoreVariantUpdate>();
            foreach (var change in changed)
            {
                changes[change.VariantId] = change;
            }
            var ids = (currentVariantIds ?? []).ToList();
            ids.AddRange(changes.Keys.Where(id => !ids.Contains(id))); // unknown ones: the store refuses them with 422
            var variants = new JsonArray();
            foreach (var id in ids)
            {
                var variant = new JsonObject { ["id"] = id };
                if (changes.TryGetValue(id, out var change))
                {
                    if (change.Prices is { } prices)
                    {
                        variant["price"] = Money(prices.Price);
                        variant["compare_at_price"] = prices.CompareAtPrice is { } compareAt ? Money(compareAt) : null;
                    }
                    if (change.InventoryTracked is { } tracked)
                    {
                        variant["inventory_management"] = tracked ? TrackedBy : null;
                    }
                    if (change.InventoryPolicy is { } policy)
                    {
                        variant["inventory_policy"] = policy;
                    }
                }
                variants.Add(variant);
            }
            body["variants"] = variants;
        }
        return new JsonObject { ["product"] = body };
    }

    private static JsonNode Money(decimal amount) => JsonSerializer.SerializeToNode(amount, ShopifyJson.Requests)!;

    public static StoreInventoryLevel ToStoreInventoryLevel(ShopifyInventoryLevel level) =>
        new(level.InventoryItemId, level.LocationId, level.Available, level.UpdatedAt);

    public static StoreLocation ToStoreLocation(ShopifyLocation location) =>
        new(location.Id, location.Name ?? "", location.Active);

    public static StoreWebhookSubscription ToStoreWebhook(ShopifyWebhook webhook) =>
        new(webhook.Id ?? 0, webhook.Topic ?? "", new Uri(webhook.Address ?? "about:blank", UriKind.RelativeOrAbsolute));
}
