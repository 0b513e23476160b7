using System.Text.Json.Nodes;
using SyncDashboard.Core.Shopify.Models;

namespace SyncDashboard.DemoStores;

// Shopify's product rules: default variant, options and option values, images, handles, weights, validation.
internal sealed partial class DemoStoreCatalogue
{
    // ---------------------------------------------------------------- building products

    private ShopifyProduct BuildNewProduct(ShopifyProduct input, bool keepInventory, JsonArray? rawVariants = null)
    {
        var now = Now();
        var id = NewId();
        var product = new ShopifyProduct
        {
            Id = id,
            Title = input.Title?.Trim(),
            BodyHtml = input.BodyHtml ?? "",
            Vendor = string.IsNullOrWhiteSpace(input.Vendor) ? _store : input.Vendor,
            ProductType = input.ProductType ?? "",
            Handle = UniqueHandle(string.IsNullOrWhiteSpace(input.Handle) ? Parameterize(input.Title ?? "") : Parameterize(input.Handle), id),
            Tags = NormalizeTags(input.Tags),
            Status = input.Status ?? "active",
            PublishedScope = "web",
            TemplateSuffix = input.TemplateSuffix,
            CreatedAt = input.CreatedAt is { } created && keepInventory ? Truncate(created) : now,
            UpdatedAt = input.UpdatedAt is { } updated && keepInventory ? Truncate(updated) : now,
            AdminGraphqlApiId = $"gid://shopify/Product/{id}",
        };
        product.PublishedAt = product.Status == "active" ? product.CreatedAt : null;

        var optionNames = (input.Options ?? [])
            .Select(o => string.IsNullOrWhiteSpace(o.Name) ? null : o.Name.Trim())
            .ToList();
        var inputVariants = input.Variants is { Count: > 0 } ? input.Variants : [new ShopifyVariant()];
        if (optionNames.Count == 0)
        {
            var optionCount = inputVariants.Max(v => v.Option3 is not null ? 3 : v.Option2 is not null ? 2 : 1);
            optionNames = optionCount == 1 ? ["Title"] : [.. Enumerable.Range(1, optionCount).Select(i => $"Option{i}")];
        }
        if (optionNames.Count > 3)
        {
            throw DemoStoreValidationException.For("options", "Product can't have more than 3 options");
        }
        if (optionNames.Any(n => n is null))
        {
            throw DemoStoreValidationException.For("options", "Option name can't be blank");
        }
        product.Options = optionNames.Select((name, index) => new ShopifyOption
        {
            Id = NewId(),
            ProductId = id,
            Name = name,
            Position = index + 1,
            Values = [],
        }).ToList();

        product.Variants = [];
        foreach (var (input_, index) in inputVariants.Select((v, i) => (v, i)))
        {
            var variant = NewVariant(product, input_, now, rawVariants is not null && index < rawVariants.Count ? rawVariants[index] as JsonObject : null);
            if (keepInventory)
            {
                variant.InventoryQuantity = input_.InventoryQuantity ?? 0;
                variant.OldInventoryQuantity = variant.InventoryQuantity;
            }
            product.Variants.Add(variant);
        }
        product.Images = [];
        foreach (var image in input.Images ?? [])
        {
            product.Images.Add(NewImage(product, image, now));
        }
        product.Image = product.Images.FirstOrDefault();
        RebuildOptionValues(product);
        Validate(product);
        return product;
    }

    private ShopifyVariant NewVariant(ShopifyProduct product, ShopifyVariant input, DateTimeOffset now, JsonObject? raw = null)
    {
        var id = NewId();
        var optionCount = product.Options!.Count;
        var isDefault = optionCount == 1 && product.Options[0].Name == "Title";
        var variant = new ShopifyVariant
        {
            Id = id,
            ProductId = product.Id,
            Option1 = input.Option1 ?? (isDefault ? "Default Title" : null),
            Option2 = optionCount >= 2 ? input.Option2 : null,
            Option3 = optionCount >= 3 ? input.Option3 : null,
            InventoryItemId = NewId(),
            CreatedAt = now,
            UpdatedAt = now,
            AdminGraphqlApiId = $"gid://shopify/ProductVariant/{id}",
            InventoryQuantity = 0,
            OldInventoryQuantity = 0,
        };
        ApplyVariantFields(variant, input, raw);
        variant.InventoryPolicy ??= "deny";
        if (!Has(raw, "inventory_management"))
        {
            variant.InventoryManagement ??= "shopify"; // left out: tracked; an explicit null: not tracked
        }
        variant.FulfillmentService ??= "manual";
        variant.Taxable ??= true;
        variant.RequiresShipping ??= true;
        variant.WeightUnit ??= "kg";
        variant.Price ??= 0.00m;
        variant.Weight ??= 0;
        variant.Grams ??= 0;
        return variant;
    }

    /// <summary>Copies the writable variant fields the client sent. <paramref name="raw"/> tells an explicit null from an absent field.</summary>
    private static void ApplyVariantFields(ShopifyVariant variant, ShopifyVariant input, JsonObject? raw)
    {
        if (input.Option1 is not null) { variant.Option1 = input.Option1; }
        if (input.Option2 is not null) { variant.Option2 = input.Option2; }
        if (input.Option3 is not null) { variant.Option3 = input.Option3; }
        if (input.Sku is not null || Has(raw, "sku")) { variant.Sku = input.Sku ?? ""; }
        if (input.Barcode is not null || Has(raw, "barcode")) { variant.Barcode = input.Barcode; }
        if (input.Price is not null) { variant.Price = input.Price; }
        if (input.CompareAtPrice is not null || Has(raw, "compare_at_price")) { variant.CompareAtPrice = input.CompareAtPrice; }
        if (input.Position is not null) { variant.Position = input.Position; }
        if (input.InventoryPolicy is not null) { variant.InventoryPolicy = input.InventoryPolicy; }
        if (input.InventoryManagement is not null || Has(raw, "inventory_management")) { variant.InventoryManagement = input.InventoryManagement; }
        if (input.FulfillmentService is not null) { variant.FulfillmentService = input.FulfillmentService; }
        if (input.Taxable is not null) { variant.Taxable = input.Taxable; }
        if (input.RequiresShipping is not null) { variant.RequiresShipping = input.RequiresShipping; }
        if (input.ImageId is not null || Has(raw, "image_id")) { variant.ImageId = input.ImageId; }
        if (input.WeightUnit is not null) { variant.WeightUnit = input.WeightUnit; }

        // Shopify keeps grams and weight consistent: whichever the client sent sets the other.
        if (input.Weight is not null)
        {
            variant.Weight = input.Weight;
            variant.Grams = (int)Math.Round(ToGrams(input.Weight.Value, variant.WeightUnit ?? "kg"));
        }
        else if (input.Grams is not null)
        {
            variant.Grams = input.Grams;
            variant.Weight = Math.Round(FromGrams(input.Grams.Value, variant.WeightUnit ?? "kg"), 2);
        }
    }

    private static bool Has(JsonObject? raw, string name) => raw is not null && raw.ContainsKey(name);

    private ShopifyImage NewImage(ShopifyProduct product, ShopifyImage input, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(input.Src) && input.Id is null)
        {
            throw DemoStoreValidationException.For("images", "Image src can't be blank");
        }
        var id = NewId();
        return new ShopifyImage
        {
            Id = id,
            ProductId = product.Id,
            Position = input.Position,
            Src = input.Src,
            Alt = input.Alt,
            Width = input.Width,
            Height = input.Height,
            VariantIds = input.VariantIds ?? [],
            CreatedAt = now,
            UpdatedAt = now,
            AdminGraphqlApiId = $"gid://shopify/ProductImage/{id}",
        };
    }

    private static void ApplyScalarFields(ShopifyProduct product, ShopifyProduct input)
    {
        if (input.Title is not null) { product.Title = input.Title.Trim(); }
        if (input.BodyHtml is not null) { product.BodyHtml = input.BodyHtml; }
        if (input.Vendor is not null) { product.Vendor = input.Vendor; }
        if (input.ProductType is not null) { product.ProductType = input.ProductType; }
        if (input.Tags is not null) { product.Tags = NormalizeTags(input.Tags); }
        if (input.TemplateSuffix is not null) { product.TemplateSuffix = input.TemplateSuffix; }
        if (input.Status is not null)
        {
            product.Status = input.Status;
            product.PublishedAt = input.Status == "active" ? product.PublishedAt ?? DateTimeOffset.UtcNow : null;
        }
        if (input.Handle is not null) { product.Handle = Parameterize(input.Handle); }
    }

    private static void ApplyOptionNames(ShopifyProduct product, List<ShopifyOption> options)
    {
        for (var i = 0; i < options.Count && i < product.Options!.Count; i++)
        {
            if (!string.IsNullOrWhiteSpace(options[i].Name))
            {
                product.Options[i].Name = options[i].Name!.Trim();
            }
        }
    }

    /// <summary>
    /// Variants in an update replace the product's list: a variant with an id is changed, one without
    /// is added, and one left out is deleted (as Shopify does).
    /// </summary>
    private List<ShopifyVariant> MergeVariants(ShopifyProduct product, List<ShopifyVariant> inputs, JsonArray? raw,
        List<ShopifyVariant> added, List<long> removedItems, DateTimeOffset now)
    {
        var existing = product.Variants!.ToDictionary(v => v.Id!.Value);
        var merged = new List<ShopifyVariant>();
        for (var i = 0; i < inputs.Count; i++)
        {
            var input = inputs[i];
            var rawVariant = raw is not null && i < raw.Count ? raw[i] as JsonObject : null;
            if (input.Id is { } variantId)
            {
                if (!existing.Remove(variantId, out var variant))
                {
                    throw DemoStoreValidationException.For("variants", $"Variant {variantId} does not belong to this product");
                }
                ApplyVariantFields(variant, input, rawVariant);
                variant.UpdatedAt = now;
                merged.Add(variant);
            }
            else
            {
                var variant = NewVariant(product, input, now, rawVariant);
                added.Add(variant);
                merged.Add(variant);
            }
        }
        removedItems.AddRange(existing.Values.Select(v => v.InventoryItemId!.Value));
        return merged;
    }

    private List<ShopifyImage> MergeImages(ShopifyProduct product, List<ShopifyImage> inputs, DateTimeOffset now)
    {
        var existing = (product.Images ?? []).ToDictionary(i => i.Id!.Value);
        var merged = new List<ShopifyImage>();
        foreach (var input in inputs)
        {
            if (input.Id is { } imageId && existing.TryGetValue(imageId, out var image))
            {
                if (input.Src is not null) { image.Src = input.Src; }
                if (input.Alt is not null) { image.Alt = input.Alt; }
                if (input.Position is not null) { image.Position = input.Position; }
                if (input.VariantIds is not null) { image.VariantIds = input.VariantIds; }
                image.UpdatedAt = now;
                merged.Add(image);
            }
            else
            {
                merged.Add(NewImage(product, input, now));
            }
        }
        return merged;
    }

    /// <summary>Variant titles, positions, option values and image positions follow the variants, as in Shopify.</summary>
    private static void RebuildOptionValues(ShopifyProduct product)
    {
        var variants = product.Variants!;
        for (var i = 0; i < variants.Count; i++)
        {
            var variant = variants[i];
            variant.Position = i + 1;
            variant.Title = string.Join(" / ", new[] { variant.Option1, variant.Option2, variant.Option3 }.Where(v => v is not null));
        }
        for (var i = 0; i < product.Options!.Count; i++)
        {
            product.Options[i].Values = variants
                .Select(v => i switch { 0 => v.Option1, 1 => v.Option2, _ => v.Option3 })
                .Where(v => v is not null)
                .Select(v => v!)
                .Distinct()
                .ToList();
        }
        var images = product.Images ?? [];
        var ordered = images.OrderBy(i => i.Position ?? int.MaxValue).ToList();
        for (var i = 0; i < ordered.Count; i++)
        {
            ordered[i].Position = i + 1;
        }
        product.Images = ordered;
    }

    private static void Validate(ShopifyProduct product)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(product.Title))
        {
            errors["title"] = ["can't be blank"];
        }
        if (product.Title is { Length: > 255 })
        {
            errors["title"] = ["is too long (maximum is 255 characters)"];
        }
        if (!ProductStatuses.Contains(product.Status))
        {
            errors["status"] = ["is not included in the list"];
        }
        var variants = product.Variants!;
        if (variants.Count > MaxVariants)
        {
            errors["variants"] = [$"Exceeded maximum number of variants allowed ({MaxVariants})"];
        }
        var optionCount = product.Options!.Count;
        var problems = new List<string>();
        foreach (var variant in variants)
        {
            var values = new[] { variant.Option1, variant.Option2, variant.Option3 }.Take(optionCount).ToList();
            if (values.Any(string.IsNullOrWhiteSpace))
            {
                problems.Add($"Option values can't be blank for variant '{variant.Title}'");
            }
            if (variant.Price < 0)
            {
                problems.Add("Price must be greater than or equal to 0");
            }
            if (variant.CompareAtPrice < 0)
            {
                problems.Add("Compare at price must be greater than or equal to 0");
            }
            if (variant.WeightUnit is not ("g" or "kg" or "oz" or "lb"))
            {
                problems.Add("Weight unit is not included in the list");
            }
        }
        var duplicate = variants.GroupBy(v => v.Title).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            problems.Add($"The variant '{duplicate.Key}' already exists.");
        }
        if (problems.Count > 0)
        {
            errors["base"] = [.. problems.Distinct()];
        }
        if (errors.Count > 0)
        {
            throw new DemoStoreValidationException(errors);
        }
    }
}
