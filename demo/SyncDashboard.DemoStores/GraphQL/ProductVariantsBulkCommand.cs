using System.Globalization;
using System.Text.Json.Nodes;
using SyncDashboard.Core.Shopify.Models;
using SyncDashboard.DemoStores.GraphQL.InputObjects;
using SyncDashboard.DemoStores.GraphQL.Types;

namespace SyncDashboard.DemoStores.GraphQL;

/// <summary>
/// <c>productVariantsBulkCreate</c>, <c>productVariantsBulkUpdate</c> and <c>productVariantsBulkDelete</c>
/// (2026-10) over the demo store. Each input variant becomes the REST body of the same variant and
/// goes through the catalogue's REST rules as one change of the product (one <c>products/update</c>
/// webhook), so REST reads the same state. Up to <see cref="DemoStoreCatalogue.MaxVariants"/> variants
/// per product. Refusals are user errors with field paths and the mutations' documented codes
/// (shopify.dev enums/ProductVariantsBulkCreateUserErrorCode, ...UpdateUserErrorCode, ...DeleteUserErrorCode).
/// </summary>
internal static class ProductVariantsBulkCommand
{
    /// <summary>
    /// Adds the variants (shopify.dev mutations/productVariantsBulkCreate): option values must name
    /// the product's options, one value each, in a combination the product lacks; stock is set per
    /// <c>inventoryQuantities</c> entry. <paramref name="strategy"/> decides whether the product's
    /// only variant stays (see <see cref="ProductVariantsBulkCreateStrategyEnum"/>).
    /// </summary>
    public static ProductVariantsBulkResult Create(DemoStoreCatalogue catalogue, string productGid, IReadOnlyList<ProductVariantsBulkInput> variants, string strategy)
    {
        if (Product(catalogue, productGid) is not { } product)
        {
            return ProductVariantsBulkResult.Refused([ProductMissing()]);
        }
        var options = product.Options!.Select(o => o.Name ?? "").ToList();
        var locations = catalogue.ListLocations().Select(l => l.Id).ToHashSet();
        var standalone = product.Variants!.Count == 1 && strategy switch
        {
            ProductVariantsBulkCreateStrategyEnum.RemoveStandaloneVariant => true,
            ProductVariantsBulkCreateStrategyEnum.Default => product.Variants[0].Title == "Default Title",
            _ => false,
        };
        var taken = (standalone ? [] : product.Variants).Select(v => v.Title ?? "").ToHashSet(StringComparer.Ordinal);
        var errors = new List<UserError>();
        var inputs = new List<(ShopifyVariant, JsonObject?)>();
        for (var i = 0; i < variants.Count; i++)
        {
            var variant = variants[i];
            var path = Path(i);
            if (variant.Id is not null)
            {
                errors.Add(new UserError([.. path, "id"], "On create, this key cannot be used.", "NO_KEY_ON_CREATE"));
            }
            var values = OptionValues(variant, options, path, errors, unknownCode: "OPTION_VALUES_FOR_NUMBER_OF_UNKNOWN_OPTIONS")
                ?? new string?[options.Count];
            if (values.Any(v => v is null))
            {
                var missing = options.Where((_, index) => values[index] is null);
                errors.Add(new UserError([.. path, "optionValues"], $"You need to add option values for {string.Join(", ", missing)}", "NEED_TO_ADD_OPTION_VALUES"));
            }
            else if (!taken.Add(Title(values)))
            {
                errors.Add(new UserError(path, $"The variant '{Title(values)}' already exists.", "VARIANT_ALREADY_EXISTS"));
            }
            CheckPrices(variant, path, errors);
            for (var j = 0; j < (variant.InventoryQuantities?.Count ?? 0); j++)
            {
                var location = Gid.TryParse(variant.InventoryQuantities![j].LocationId, "Location");
                if (location is null || !locations.Contains(location.Value))
                {
                    errors.Add(new UserError([.. path, "inventoryQuantities", Index(j), "locationId"],
                        "Quantity could not be set. The location was not found.", "TRACKED_VARIANT_LOCATION_NOT_FOUND"));
                }
            }
            inputs.Add(ToRest(variant, values, forCreate: true));
        }
        if (errors.Count > 0)
        {
            return ProductVariantsBulkResult.Refused(errors);
        }

        IReadOnlyList<long> ids;
        try
        {
            ids = catalogue.CreateVariants(product.Id!.Value, inputs, standalone).VariantIds;
        }
        catch (DemoStoreValidationException e)
        {
            return ProductVariantsBulkResult.Refused(Refusals(e));
        }
        for (var i = 0; i < variants.Count; i++)
        {
            var itemId = catalogue.GetProductCopy(product.Id!.Value).Variants!.First(v => v.Id == ids[i]).InventoryItemId!.Value;
            foreach (var quantity in variants[i].InventoryQuantities ?? [])
            {
                catalogue.SetInventoryLevel(itemId, Gid.TryParse(quantity.LocationId, "Location")!.Value, quantity.AvailableQuantity);
            }
        }
        return Answer(catalogue, product.Id!.Value, ids);
    }

    /// <summary>
    /// Changes only the given fields of the listed variants (shopify.dev mutations/productVariantsBulkUpdate);
    /// the product's other variants stay. An explicit <c>compareAtPrice: null</c> clears it. With
    /// <paramref name="allowPartialUpdates"/> the valid variants are saved and the others reported;
    /// without, one error saves nothing.
    /// </summary>
    public static ProductVariantsBulkResult Update(DemoStoreCatalogue catalogue, string productGid, IReadOnlyList<ProductVariantsBulkInput> variants, bool allowPartialUpdates)
    {
        if (Product(catalogue, productGid) is not { } product)
        {
            return ProductVariantsBulkResult.Refused([ProductMissing()]);
        }
        var options = product.Options!.Select(o => o.Name ?? "").ToList();
        var titles = product.Variants!.ToDictionary(v => v.Id!.Value, v => v.Title ?? "");
        var errors = new List<UserError>();
        var valid = new List<(long, ShopifyVariant, JsonObject?)>();
        for (var i = 0; i < variants.Count; i++)
        {
            var variant = variants[i];
            var path = Path(i);
            var before = errors.Count;
            var id = Gid.TryParse(variant.Id, "ProductVariant");
            if (variant.Id is null)
            {
                errors.Add(new UserError([.. path, "id"], "Product variant is missing ID attribute", "PRODUCT_VARIANT_ID_MISSING"));
                continue;
            }
            if (id is null || !titles.ContainsKey(id.Value))
            {
                errors.Add(new UserError([.. path, "id"], "Product variant does not exist", "PRODUCT_VARIANT_DOES_NOT_EXIST"));
                continue;
            }
            if (variant.Given.Contains("inventoryQuantities"))
            {
                errors.Add(new UserError([.. path, "inventoryQuantities"],
                    "Inventory quantities can only be provided during create. To update inventory for existing variants, use inventoryAdjustQuantities.",
                    "NO_INVENTORY_QUANTITIES_ON_VARIANTS_UPDATE"));
            }
            var current = product.Variants!.First(v => v.Id == id);
            var values = OptionValues(variant, options, path, errors, unknownCode: "OPTION_DOES_NOT_EXIST");
            if (values is not null)
            {
                var merged = new[] { current.Option1, current.Option2, current.Option3 }.Take(options.Count).ToArray();
                for (var k = 0; k < merged.Length; k++)
                {
                    merged[k] = values[k] ?? merged[k];
                }
                var title = Title(merged);
                if (titles.Any(t => t.Key != id.Value && t.Value == title))
                {
                    errors.Add(new UserError([.. path, "optionValues"], $"The variant '{title}' already exists.", "VARIANT_ALREADY_EXISTS"));
                }
                else if (errors.Count == before)
                {
                    titles[id.Value] = title;
                }
                values = merged;
            }
            CheckPrices(variant, path, errors);
            if (errors.Count == before)
            {
                var (input, raw) = ToRest(variant, values, forCreate: false);
                valid.Add((id.Value, input, raw));
            }
        }
        if (errors.Count > 0 && (!allowPartialUpdates || valid.Count == 0))
        {
            return ProductVariantsBulkResult.Refused(errors);
        }
        try
        {
            catalogue.UpdateVariants(product.Id!.Value, valid);
        }
        catch (DemoStoreValidationException e)
        {
            return ProductVariantsBulkResult.Refused([.. errors, .. Refusals(e)]);
        }
        var answer = Answer(catalogue, product.Id!.Value, valid.Select(v => v.Item1).ToList());
        return answer with { Errors = errors };
    }

    /// <summary>
    /// Deletes the listed variants and their inventory items (shopify.dev mutations/productVariantsBulkDelete);
    /// every id must be one of the product's, and at least one variant must remain.
    /// </summary>
    public static ProductVariantsBulkResult Delete(DemoStoreCatalogue catalogue, string productGid, IReadOnlyList<string> variantGids)
    {
        if (Product(catalogue, productGid) is not { } product)
        {
            return ProductVariantsBulkResult.Refused([ProductMissing()]);
        }
        var ids = variantGids.Select(g => Gid.TryParse(g, "ProductVariant")).ToList();
        if (ids.Any(id => id is null || product.Variants!.All(v => v.Id != id)))
        {
            return ProductVariantsBulkResult.Refused([new UserError(["variantsIds"],
                "At least one variant does not belong to the product", "AT_LEAST_ONE_VARIANT_DOES_NOT_BELONG_TO_THE_PRODUCT")]);
        }
        try
        {
            catalogue.DeleteVariants(product.Id!.Value, ids.Select(id => id!.Value).ToList());
        }
        catch (DemoStoreValidationException)
        {
            return ProductVariantsBulkResult.Refused([new UserError(["variantsIds"], "Cannot delete the last variant of a product.", "CANNOT_DELETE_LAST_VARIANT")]);
        }
        return new ProductVariantsBulkResult(catalogue.GetProductCopy(product.Id!.Value), null, []);
    }

    private static ShopifyProduct? Product(DemoStoreCatalogue catalogue, string gid)
    {
        var id = Gid.TryParse(gid, "Product");
        try
        {
            return id is null ? null : catalogue.GetProductCopy(id.Value);
        }
        catch (DemoStoreNotFoundException)
        {
            return null;
        }
    }

    /// <summary>
    /// A product rule the catalogue refused for the variants as a whole (for example more than
    /// 2,048 variants): errors on <c>variants</c> with the rule's message and code <c>INVALID</c>.
    /// </summary>
    private static List<UserError> Refusals(DemoStoreValidationException e) =>
        [.. e.Errors.SelectMany(error => error.Value.Select(message => new UserError(["variants"], message, "INVALID")))];

    private static UserError ProductMissing() => new(["productId"], "Product does not exist", "PRODUCT_DOES_NOT_EXIST");

    private static string[] Path(int index) => ["variants", Index(index)];

    private static string Index(int index) => index.ToString(CultureInfo.InvariantCulture);

    private static string Title(IEnumerable<string?> values) => string.Join(" / ", values.Where(v => v is not null));

    /// <summary>The value given for each of the product's options, by position (null where none was given); null when no option values were given.</summary>
    private static string?[]? OptionValues(ProductVariantsBulkInput variant, List<string> options, string[] path, List<UserError> errors, string unknownCode)
    {
        if (variant.OptionValues is null)
        {
            return null;
        }
        var values = new string?[options.Count];
        foreach (var value in variant.OptionValues)
        {
            var index = options.IndexOf(value.OptionName ?? "");
            if (index < 0)
            {
                errors.Add(new UserError([.. path, "optionValues"], $"Option does not exist: '{value.OptionName}'", unknownCode));
            }
            else
            {
                values[index] = value.Name;
            }
        }
        return values;
    }

    private static void CheckPrices(ProductVariantsBulkInput variant, string[] path, List<UserError> errors)
    {
        if (variant.Price < 0)
        {
            errors.Add(new UserError([.. path, "price"], "Price must be greater than or equal to 0", "GREATER_THAN_OR_EQUAL_TO"));
        }
        if (variant.CompareAtPrice < 0)
        {
            errors.Add(new UserError([.. path, "compareAtPrice"], "Compare at price must be greater than or equal to 0", "GREATER_THAN_OR_EQUAL_TO"));
        }
    }

    /// <summary>
    /// The REST body of the variant (snake_case) with only the fields the input gives, and the same
    /// as the model the catalogue applies. A create without a price costs 0.00, as in Shopify.
    /// </summary>
    private static (ShopifyVariant Input, JsonObject Raw) ToRest(ProductVariantsBulkInput variant, string?[]? optionValues, bool forCreate)
    {
        var input = new ShopifyVariant
        {
            Option1 = optionValues?.ElementAtOrDefault(0),
            Option2 = optionValues?.ElementAtOrDefault(1),
            Option3 = optionValues?.ElementAtOrDefault(2),
            Price = variant.Price ?? (forCreate ? 0m : null),
            CompareAtPrice = variant.CompareAtPrice,
            Barcode = variant.Barcode,
            Sku = variant.InventoryItem?.Sku,
            InventoryPolicy = variant.InventoryPolicy,
            Taxable = variant.Taxable,
            RequiresShipping = variant.InventoryItem?.RequiresShipping,
            InventoryManagement = variant.InventoryItem?.Tracked switch { true => "shopify", _ => null },
        };
        var raw = new JsonObject();
        if (variant.Given.Contains("compareAtPrice"))
        {
            raw["compare_at_price"] = variant.CompareAtPrice?.ToString("0.00", CultureInfo.InvariantCulture);
        }
        if (variant.Given.Contains("barcode"))
        {
            raw["barcode"] = variant.Barcode;
        }
        if (variant.InventoryItem?.Tracked is not null)
        {
            raw["inventory_management"] = input.InventoryManagement; // false: an explicit null, untracked
        }
        return (input, raw);
    }

    private static ProductVariantsBulkResult Answer(DemoStoreCatalogue catalogue, long productId, IReadOnlyList<long> variantIds)
    {
        var product = catalogue.GetProductCopy(productId);
        var nodes = variantIds.Select(id => new VariantNode(product, product.Variants!.First(v => v.Id == id))).ToList();
        return new ProductVariantsBulkResult(product, nodes, []);
    }
}
