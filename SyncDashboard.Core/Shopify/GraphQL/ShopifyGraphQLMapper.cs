using System.Globalization;
using System.Text.Json.Nodes;
using SyncDashboard.Core.Stores;

namespace SyncDashboard.Core.Shopify.GraphQL;

/// <summary>
/// Between GraphQL shapes and the store-neutral ones: GIDs to ids, enums (ACTIVE, DENY, GRAMS) to
/// the REST spellings the engine uses (active, deny, g), and drafts and updates to mutation inputs.
/// </summary>
public static class ShopifyGraphQLMapper
{
    public static StoreProduct ToStoreProduct(GqlProduct product, IReadOnlyList<GqlVariant>? allVariants = null)
    {
        var optionNames = product.Options.Select(o => o.Name).ToList();
        var variants = allVariants ?? product.Variants?.Nodes ?? [];
        return new StoreProduct
        {
            Id = ShopifyGid.Id(product.Id),
            Title = product.Title,
            DescriptionHtml = product.DescriptionHtml,
            Vendor = product.Vendor,
            ProductType = product.ProductType,
            Handle = product.Handle,
            Tags = product.Tags,
            Status = product.Status?.ToLowerInvariant(),
            CreatedAt = product.CreatedAt,
            UpdatedAt = product.UpdatedAt,
            Options = [.. product.Options.Select(o => new StoreProductOption(o.Name, o.Values))],
            Variants = [.. variants.Select(v => ToStoreVariant(v, optionNames))],
            Images = [.. (product.Media?.Nodes ?? []).Where(m => m.Image is not null && m.Id is not null)
                .Select((m, i) => new StoreImage(ShopifyGid.Id(m.Id), m.Image!.Url, m.Image.AltText, i + 1))],
        };
    }

    public static StoreVariant ToStoreVariant(GqlVariant variant, IReadOnlyList<string> optionNames)
    {
        var weight = variant.InventoryItem?.Measurement?.Weight;
        return new StoreVariant
        {
            Id = ShopifyGid.Id(variant.Id),
            Title = variant.Title,
            Sku = variant.Sku,
            Barcode = variant.Barcode,
            Price = variant.Price,
            CompareAtPrice = variant.CompareAtPrice,
            OptionValues = [.. optionNames.Select(name => variant.SelectedOptions.FirstOrDefault(o => o.Name == name)?.Value ?? "")],
            Weight = weight?.Value,
            WeightUnit = weight is null ? null : ToWeightUnit(weight.Unit),
            Grams = weight is null ? null : (int)Math.Round(ToGrams(weight.Value, weight.Unit)),
            InventoryItemId = variant.InventoryItem is { } item ? ShopifyGid.Id(item.Id) : null,
            InventoryQuantity = variant.InventoryQuantity,
            InventoryTracked = variant.InventoryItem?.Tracked ?? true,
            InventoryPolicy = variant.InventoryPolicy?.ToLowerInvariant(),
            Position = variant.Position,
        };
    }

    /// <summary>The <c>productSet</c> input that creates <paramref name="draft"/> with its options, variants, images and metafields.</summary>
    public static JsonObject ToProductSetInput(StoreProductDraft draft)
    {
        // A product without options has Shopify's default one: Title = Default Title.
        var options = draft.Options.Count > 0
            ? draft.Options
            : [new StoreProductOption("Title", ["Default Title"])];
        var variants = draft.Variants.Count > 0 ? draft.Variants : [new StoreVariantDraft()];
        var input = new JsonObject
        {
            ["title"] = draft.Title,
            ["status"] = (draft.Status ?? "active").ToUpperInvariant(),
            ["tags"] = new JsonArray([.. draft.Tags.Select(t => (JsonNode)t)]),
            ["productOptions"] = new JsonArray([.. options.Select((o, i) => (JsonNode)new JsonObject
            {
                ["name"] = o.Name,
                ["position"] = i + 1,
                ["values"] = new JsonArray([.. OptionValues(o, i, variants).Select(v => (JsonNode)new JsonObject { ["name"] = v })]),
            })]),
            ["variants"] = new JsonArray([.. variants.Select(v => (JsonNode)ToVariantSetInput(v, options, draft.InventoryLocationId))]),
        };
        Put(input, "descriptionHtml", draft.DescriptionHtml);
        Put(input, "vendor", draft.Vendor);
        Put(input, "productType", draft.ProductType);
        Put(input, "handle", draft.Handle);
        if (draft.ImageSources.Count > 0)
        {
            input["files"] = Files(draft.ImageSources);
        }
        if (draft.Metafields.Count > 0)
        {
            input["metafields"] = new JsonArray([.. draft.Metafields.Select(m => (JsonNode)new JsonObject
            {
                ["namespace"] = m.Namespace, ["key"] = m.Key, ["type"] = m.Type, ["value"] = m.Value,
            })]);
        }
        return input;
    }

    /// <summary>The <c>productSet</c> input of an update's product fields (omitted ones stay); null when it sets none.</summary>
    public static JsonObject? ToProductSetUpdate(StoreProductUpdate update)
    {
        var input = new JsonObject();
        Put(input, "title", update.Title);
        Put(input, "descriptionHtml", update.DescriptionHtml);
        Put(input, "vendor", update.Vendor);
        Put(input, "productType", update.ProductType);
        if (update.Status is { } status)
        {
            input["status"] = status.ToUpperInvariant();
        }
        if (update.Tags is { } tags)
        {
            input["tags"] = new JsonArray([.. tags.Select(t => (JsonNode)t)]);
        }
        if (update.ImageSources is { } images)
        {
            input["files"] = Files(images);
        }
        return input.Count == 0 ? null : input;
    }

    /// <summary>A <c>ProductVariantsBulkInput</c> changing only what <paramref name="update"/> sets (a null compare-at price clears it).</summary>
    public static JsonObject ToVariantsBulkUpdate(StoreVariantUpdate update)
    {
        var input = new JsonObject { ["id"] = ShopifyGid.For("ProductVariant", update.VariantId) };
        if (update.Prices is { } prices)
        {
            input["price"] = Money(prices.Price);
            input["compareAtPrice"] = prices.CompareAtPrice is { } compareAt ? Money(compareAt) : null;
        }
        if (update.InventoryPolicy is { } policy)
        {
            input["inventoryPolicy"] = policy.ToUpperInvariant();
        }
        if (update.InventoryTracked is { } tracked)
        {
            input["inventoryItem"] = new JsonObject { ["tracked"] = tracked };
        }
        return input;
    }

    /// <summary>A <c>ProductVariantsBulkInput</c> that creates <paramref name="draft"/> on a product with these option names.</summary>
    public static JsonObject ToVariantsBulkCreate(StoreVariantDraft draft, IReadOnlyList<string> optionNames)
    {
        var input = ToVariantSetInput(draft, [.. optionNames.Select(n => new StoreProductOption(n, []))]);
        return input;
    }

    public static string ToTopicEnum(string topic) => topic.Replace('/', '_').ToUpperInvariant();

    /// <summary><c>PRODUCTS_UPDATE</c> to <c>products/update</c> (the last underscore is the slash).</summary>
    public static string ToRestTopic(string topic)
    {
        var lower = topic.ToLowerInvariant();
        var last = lower.LastIndexOf('_');
        return last < 0 ? lower : string.Concat(lower.AsSpan(0, last), "/", lower.AsSpan(last + 1));
    }

    private static JsonObject ToVariantSetInput(StoreVariantDraft variant, IReadOnlyList<StoreProductOption> options, long? locationId = null)
    {
        var values = variant.OptionValues.Count > 0 ? variant.OptionValues : ["Default Title"];
        var input = new JsonObject
        {
            ["optionValues"] = new JsonArray([.. options.Select((o, i) => (JsonNode)new JsonObject
            {
                ["optionName"] = o.Name,
                ["name"] = i < values.Count ? values[i] : "",
            })]),
            ["price"] = Money(variant.Price),
        };
        if (variant.CompareAtPrice is { } compareAt)
        {
            input["compareAtPrice"] = Money(compareAt);
        }
        Put(input, "barcode", variant.Barcode);
        if (variant.InventoryPolicy is { } policy)
        {
            input["inventoryPolicy"] = policy.ToUpperInvariant();
        }
        var item = new JsonObject { ["tracked"] = variant.InventoryTracked };
        Put(item, "sku", variant.Sku);
        if (variant.Weight is { } weight)
        {
            item["measurement"] = new JsonObject { ["weight"] = new JsonObject { ["value"] = weight, ["unit"] = ToWeightEnum(variant.WeightUnit ?? "kg") } };
        }
        else if (variant.Grams is { } grams)
        {
            item["measurement"] = new JsonObject { ["weight"] = new JsonObject { ["value"] = grams, ["unit"] = "GRAMS" } };
        }
        input["inventoryItem"] = item;
        if (locationId is { } location && variant.Available is { } available && variant.InventoryTracked)
        {
            input["inventoryQuantities"] = new JsonArray(new JsonObject
            {
                ["locationId"] = ShopifyGid.For("Location", location),
                ["name"] = "available",
                ["quantity"] = available,
            });
        }
        return input;
    }

    private static IEnumerable<string> OptionValues(StoreProductOption option, int index, IReadOnlyList<StoreVariantDraft> variants)
    {
        var fromVariants = variants.Select(v => v.OptionValues.Count > index ? v.OptionValues[index] : "Default Title").Distinct();
        return option.Values.Count > 0 ? option.Values.Union(fromVariants) : fromVariants;
    }

    private static JsonArray Files(IEnumerable<string> sources) =>
        new([.. sources.Select(src => (JsonNode)new JsonObject { ["originalSource"] = src, ["contentType"] = "IMAGE" })]);

    private static void Put(JsonObject target, string name, string? value)
    {
        if (value is not null)
        {
            target[name] = value;
        }
    }

    private static string Money(decimal amount) => amount.ToString("0.00", CultureInfo.InvariantCulture);

    private static string ToWeightEnum(string unit) => unit switch
    {
        "g" => "GRAMS",
        "oz" => "OUNCES",
        "lb" => "POUNDS",
        _ => "KILOGRAMS",
    };

    private static string ToWeightUnit(string unit) => unit switch
    {
        "GRAMS" => "g",
        "OUNCES" => "oz",
        "POUNDS" => "lb",
        _ => "kg",
    };

    private static double ToGrams(double value, string unit) => unit switch
    {
        "GRAMS" => value,
        "OUNCES" => value * 28.349523125,
        "POUNDS" => value * 453.59237,
        _ => value * 1000,
    };
}
