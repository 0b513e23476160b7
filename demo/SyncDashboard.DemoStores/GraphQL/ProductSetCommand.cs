using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using SyncDashboard.Core.Shopify;
using SyncDashboard.Core.Shopify.Models;
using SyncDashboard.DemoStores.GraphQL.InputObjects;

namespace SyncDashboard.DemoStores.GraphQL;

/// <summary>
/// <c>productSet</c> over the demo store: the input becomes the REST resource of the same product
/// and goes through the same rules and webhooks as <c>POST</c>/<c>PUT products.json</c>; then the
/// variants' <c>inventoryQuantities</c> are set and the metafields made equal to the list given.
/// Rules from shopify.dev mutations/productSet (2026-10): list fields replace (entries not listed
/// are deleted), omitted scalar fields stay; up to 2,048 variants.
/// </summary>
internal static class ProductSetCommand
{
    public static (ShopifyProduct? Product, IReadOnlyList<UserError> Errors) Run(
        DemoStoreCatalogue catalogue, ProductSetInput input, ProductSetIdentifiers? identifier)
    {
        var (id, errors) = Target(catalogue, input, identifier);
        if (errors.Count > 0)
        {
            return (null, errors);
        }
        var optionNames = OptionNames(input, id is null ? null : catalogue.GetProductCopy(id.Value), out var optionErrors);
        if (optionErrors.Count > 0)
        {
            return (null, optionErrors);
        }
        var locationErrors = CheckLocations(catalogue, input);
        if (locationErrors.Count > 0)
        {
            return (null, locationErrors);
        }

        var raw = ToRest(input, optionNames, identifier?.Handle);
        var product = raw.Deserialize<ShopifyProduct>(ShopifyJson.Requests)!;
        JsonObject saved;
        try
        {
            saved = id is null ? catalogue.CreateProduct(product, raw) : catalogue.UpdateProduct(id.Value, product, raw);
        }
        catch (DemoStoreValidationException e)
        {
            return (null, UserError.From(e, "input"));
        }
        var productId = saved["id"]!.GetValue<long>();
        var copy = catalogue.GetProductCopy(productId);
        SetInventory(catalogue, input, optionNames, copy);
        if (input.Metafields is not null && id is not null)
        {
            ReplaceMetafields(catalogue, productId, input.Metafields);
        }
        return (catalogue.GetProductCopy(productId), []);
    }

    /// <summary>The product to update (id or handle), or null to create one.</summary>
    private static (long? Id, List<UserError> Errors) Target(DemoStoreCatalogue catalogue, ProductSetInput input, ProductSetIdentifiers? identifier)
    {
        var gid = identifier?.Id ?? input.Id;
        if (gid is not null)
        {
            var id = Gid.TryParse(gid, "Product");
            if (id is null || !Exists(catalogue, id.Value))
            {
                return (null, [new UserError([identifier?.Id is null ? "input" : "identifier", "id"], "Product does not exist", "PRODUCT_DOES_NOT_EXIST")]);
            }
            return (id, []);
        }
        if (identifier?.Handle is { } handle)
        {
            var found = catalogue.ListProductCopies(new ProductQuery { Handles = [handle] }, null, 1).Products;
            return (found.Count > 0 ? found[0].Id : null, []);
        }
        return (null, []);
    }

    private static bool Exists(DemoStoreCatalogue catalogue, long id)
    {
        try
        {
            catalogue.GetProductCopy(id);
            return true;
        }
        catch (DemoStoreNotFoundException)
        {
            return false;
        }
    }

    /// <summary>The option names in order: from <c>productOptions</c>, else the existing product's, else the variants' own.</summary>
    private static List<string> OptionNames(ProductSetInput input, ShopifyProduct? existing, out List<UserError> errors)
    {
        errors = [];
        var names = input.ProductOptions?.OrderBy(o => o.Position ?? int.MaxValue).Select(o => o.Name ?? "").ToList()
            ?? existing?.Options?.Select(o => o.Name ?? "").ToList()
            ?? input.Variants?.SelectMany(v => v.OptionValues ?? []).Select(v => v.OptionName ?? "").Distinct().ToList()
            ?? [];
        if (names.Count > 3)
        {
            errors.Add(new UserError(["input", "productOptions"], "Can only specify a maximum of 3 options", "OPTIONS_OVER_LIMIT"));
        }
        for (var i = 0; i < (input.Variants?.Count ?? 0); i++)
        {
            foreach (var value in input.Variants![i].OptionValues ?? [])
            {
                if (!names.Contains(value.OptionName ?? ""))
                {
                    errors.Add(new UserError(["input", "variants", i.ToString(CultureInfo.InvariantCulture), "optionValues"],
                        $"Option '{value.OptionName}' does not exist", "OPTION_DOES_NOT_EXIST"));
                }
            }
        }
        return names;
    }

    private static List<UserError> CheckLocations(DemoStoreCatalogue catalogue, ProductSetInput input)
    {
        var known = catalogue.ListLocations().Select(l => l.Id).ToHashSet();
        var errors = new List<UserError>();
        for (var i = 0; i < (input.Variants?.Count ?? 0); i++)
        {
            var quantities = input.Variants![i].InventoryQuantities ?? [];
            for (var j = 0; j < quantities.Count; j++)
            {
                var location = Gid.TryParse(quantities[j].LocationId, "Location");
                var path = new[] { "input", "variants", i.ToString(CultureInfo.InvariantCulture), "inventoryQuantities", j.ToString(CultureInfo.InvariantCulture) };
                if (location is null || !known.Contains(location.Value))
                {
                    errors.Add(new UserError([.. path, "locationId"], "The specified location could not be found.", "INVALID_LOCATION"));
                }
                if (quantities[j].Name is not ("available" or "on_hand"))
                {
                    errors.Add(new UserError([.. path, "name"], "The quantity name must be either 'available' or 'on_hand'.", "INVALID_QUANTITY_NAME"));
                }
            }
        }
        return errors;
    }

    /// <summary>The REST body of the same product (snake_case), with only the fields the input gives.</summary>
    private static JsonObject ToRest(ProductSetInput input, List<string> optionNames, string? handle)
    {
        var raw = new JsonObject();
        void Put(string name, JsonNode? value, bool given)
        {
            if (given)
            {
                raw[name] = value;
            }
        }
        Put("title", input.Title, input.Title is not null);
        Put("body_html", input.DescriptionHtml, input.DescriptionHtml is not null);
        Put("vendor", input.Vendor, input.Vendor is not null);
        Put("product_type", input.ProductType, input.ProductType is not null);
        Put("handle", input.Handle ?? handle, (input.Handle ?? handle) is not null);
        Put("status", input.Status, input.Status is not null);
        Put("tags", input.Tags is null ? null : string.Join(", ", input.Tags), input.Tags is not null);
        if (input.ProductOptions is not null || input.Variants is not null)
        {
            raw["options"] = new JsonArray([.. optionNames.Select(name => (JsonNode)new JsonObject { ["name"] = name })]);
        }
        if (input.Variants is not null)
        {
            raw["variants"] = new JsonArray([.. input.Variants.Select(v => (JsonNode)ToRestVariant(v, optionNames))]);
        }
        if (input.Files is not null)
        {
            raw["images"] = new JsonArray([.. input.Files.Select(f => (JsonNode)new JsonObject { ["src"] = f.OriginalSource, ["alt"] = f.Alt })]);
        }
        if (input.Metafields is not null)
        {
            raw["metafields"] = new JsonArray([.. input.Metafields.Select(m => (JsonNode)new JsonObject
            {
                ["namespace"] = m.Namespace, ["key"] = m.Key, ["type"] = m.Type, ["value"] = m.Value,
            })]);
        }
        return raw;
    }

    private static JsonObject ToRestVariant(ProductVariantSetInput variant, List<string> optionNames)
    {
        var raw = new JsonObject();
        if (Gid.TryParse(variant.Id, "ProductVariant") is { } id)
        {
            raw["id"] = id;
        }
        foreach (var value in variant.OptionValues ?? [])
        {
            var index = optionNames.IndexOf(value.OptionName ?? "");
            if (index >= 0)
            {
                raw[$"option{index + 1}"] = value.Name;
            }
        }
        raw["price"] = (variant.Price ?? 0m).ToString("0.00", CultureInfo.InvariantCulture);
        if (variant.CompareAtPrice is { } compareAt)
        {
            raw["compare_at_price"] = compareAt.ToString("0.00", CultureInfo.InvariantCulture);
        }
        if (variant.InventoryItem?.Sku is { } sku)
        {
            raw["sku"] = sku;
        }
        if (variant.Barcode is { } barcode)
        {
            raw["barcode"] = barcode;
        }
        if (variant.Position is { } position)
        {
            raw["position"] = position;
        }
        if (variant.InventoryPolicy is { } policy)
        {
            raw["inventory_policy"] = policy;
        }
        if (variant.Taxable is { } taxable)
        {
            raw["taxable"] = taxable;
        }
        if (variant.InventoryItem?.Tracked is { } tracked)
        {
            raw["inventory_management"] = tracked ? "shopify" : null;
        }
        if (variant.InventoryItem?.Measurement?.Weight is { } weight)
        {
            raw["weight"] = weight.Value;
            raw["weight_unit"] = weight.Unit;
        }
        if (variant.InventoryItem?.RequiresShipping is { } shipping)
        {
            raw["requires_shipping"] = shipping;
        }
        return raw;
    }

    /// <summary>Sets each variant's listed quantities (the variant found by its option values).</summary>
    private static void SetInventory(DemoStoreCatalogue catalogue, ProductSetInput input, List<string> optionNames, ShopifyProduct product)
    {
        foreach (var variant in input.Variants ?? [])
        {
            if (variant.InventoryQuantities is not { Count: > 0 } quantities)
            {
                continue;
            }
            var values = new string?[3];
            foreach (var value in variant.OptionValues ?? [])
            {
                var index = optionNames.IndexOf(value.OptionName ?? "");
                if (index >= 0)
                {
                    values[index] = value.Name;
                }
            }
            var saved = product.Variants!.FirstOrDefault(v =>
                (optionNames.Count < 1 || v.Option1 == values[0]) &&
                (optionNames.Count < 2 || v.Option2 == values[1]) &&
                (optionNames.Count < 3 || v.Option3 == values[2]));
            if (saved?.InventoryItemId is not { } item)
            {
                continue;
            }
            foreach (var quantity in quantities)
            {
                catalogue.SetInventoryLevel(item, Gid.TryParse(quantity.LocationId, "Location")!.Value, quantity.Quantity);
            }
        }
    }

    /// <summary>Makes the product's metafields the list given: updated, created, and the others deleted.</summary>
    private static void ReplaceMetafields(DemoStoreCatalogue catalogue, long productId, List<MetafieldInput> wanted)
    {
        var existing = catalogue.ListMetafields(productId);
        foreach (var metafield in wanted)
        {
            var current = existing.FirstOrDefault(m => m.Namespace == metafield.Namespace && m.Key == metafield.Key);
            var value = new ShopifyMetafield { Namespace = metafield.Namespace, Key = metafield.Key, Type = metafield.Type, Value = metafield.Value };
            if (current is null)
            {
                catalogue.CreateMetafield(productId, value);
            }
            else if (current.Value != metafield.Value || current.Type != metafield.Type)
            {
                catalogue.UpdateMetafield(productId, current.Id!.Value, value);
            }
        }
        foreach (var stale in existing.Where(m => !wanted.Any(w => w.Namespace == m.Namespace && w.Key == m.Key)))
        {
            catalogue.DeleteMetafield(productId, stale.Id!.Value);
        }
    }
}
