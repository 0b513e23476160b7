using System.Globalization;
using SyncDashboard.Core.Shopify.Models;

namespace SyncDashboard.DemoStores.Seeding;

/// <summary>What the Bulk Mapper should conclude for a generated Destination product.</summary>
public enum ExpectedOutcome
{
    Match,
    NoMatch,
    VariantCountDiffers,
    PartialSkuMatch,
    MissingSku,
    DuplicateSku,
}

/// <summary>The known answer for one Destination product (by handle, unique across the generated stores).</summary>
public sealed record ExpectedMapping(string DestinationHandle, ExpectedOutcome Outcome, string? SourceStore = null, string? SourceHandle = null);

public sealed record GeneratedCatalogues(
    IReadOnlyDictionary<string, IReadOnlyList<ShopifyProduct>> Sources,
    IReadOnlyList<ShopifyProduct> Destination,
    IReadOnlyList<ExpectedMapping> Expectations);

/// <summary>
/// Generates realistic catalogues (titles, vendors, product types, tags, options, SKUs, prices,
/// barcodes, weights, quantities) from a seed: the same seed and options always give the same
/// catalogues. Source stores get chosen shares of missing and duplicate SKUs; the Destination gets
/// copies of some Source products (the same, or with a variant more or less, or a SKU changed),
/// products of its own, and a few SKU problems of its own, with the answer a SKU mapper should give
/// for each. Linear in the number of products.
/// </summary>
public static class CatalogueGenerator
{
    // Declared before Kinds, which uses them: static fields initialise in order.
    private static readonly OptionTemplate Sizes = new("Size", ["XS", "S", "M", "L", "XL", "XXL"]);
    private static readonly OptionTemplate Colors = new("Color", ["Black", "White", "Navy", "Olive", "Sand", "Burgundy", "Sky Blue", "Charcoal"]);
    private static readonly OptionTemplate Waists = new("Waist", ["28", "30", "32", "34", "36"]);
    private static readonly OptionTemplate Fits = new("Fit", ["Slim", "Regular", "Relaxed"]);
    private static readonly OptionTemplate ShoeSizes = new("Size", ["38", "39", "40", "41", "42", "43", "44", "45"]);
    private static readonly OptionTemplate Scents = new("Scent", ["Cedar", "Lavender", "Vanilla", "Sea Salt", "Fig"]);
    private static readonly OptionTemplate CandleSizes = new("Size", ["Small", "Large"]);
    private static readonly OptionTemplate PotSizes = new("Size", ["10 cm", "14 cm", "18 cm", "24 cm"]);
    private static readonly OptionTemplate Metals = new("Material", ["Sterling Silver", "Gold Plated", "Rose Gold", "Stainless Steel"]);
    private static readonly OptionTemplate BraceletSizes = new("Size", ["S/M", "M/L"]);

    private static readonly ProductKind[] Kinds =
    [
        new("T-Shirt", "TEE", 18, 35, 180, ["apparel", "cotton"], [Sizes, Colors]),
        new("Hoodie", "HOOD", 45, 89, 650, ["apparel", "winter"], [Sizes, Colors]),
        new("Sweater", "SWTR", 55, 120, 480, ["apparel", "knitwear"], [Sizes, Colors]),
        new("Jeans", "JEAN", 60, 140, 700, ["apparel", "denim"], [Waists, Fits]),
        new("Sneakers", "SNKR", 70, 160, 900, ["footwear"], [ShoeSizes]),
        new("Cap", "CAP", 15, 32, 120, ["accessories"], [Colors]),
        new("Backpack", "BKPK", 49, 129, 1100, ["bags", "travel"], [Colors]),
        new("Mug", "MUG", 12, 28, 350, ["kitchen", "gift"], [Colors]),
        new("Candle", "CNDL", 14, 42, 400, ["home", "gift"], [Scents, CandleSizes]),
        new("Throw Pillow", "PILW", 24, 60, 500, ["home", "decor"], [Colors]),
        new("Plant Pot", "POT", 16, 48, 900, ["home", "garden"], [PotSizes]),
        new("Necklace", "NECK", 35, 220, 40, ["jewelry"], [Metals]),
        new("Bracelet", "BRAC", 25, 150, 30, ["jewelry"], [Metals, BraceletSizes]),
        new("Earrings", "EARR", 20, 130, 15, ["jewelry"], [Metals]),
        new("Notebook", "NOTE", 8, 24, 250, ["stationery", "gift"], []),
        new("Water Bottle", "BOTL", 18, 45, 320, ["outdoor", "kitchen"], [Colors]),
    ];

    private static readonly string[] Adjectives =
        ["Classic", "Everyday", "Organic", "Vintage", "Urban", "Coastal", "Alpine", "Essential", "Heritage", "Modern", "Rustic", "Nordic", "Sunset", "Midnight", "Meadow", "Studio"];

    private static readonly string[] Materials =
        ["Cotton", "Linen", "Merino", "Bamboo", "Recycled", "Canvas", "Ceramic", "Oak", "Stoneware", "Hemp", "Suede", "Cashmere"];

    private static readonly string[] Vendors =
        ["Northwind Goods", "Maple & Pine", "Harbor Supply Co", "Lumen Studio", "Fieldhouse", "Copper Kettle", "Blue Fern", "Atlas Outfitters", "Willow Lane", "Granite Peak"];

    private static readonly string[] ExtraTags = ["bestseller", "new", "sale", "eco", "limited", "handmade", "summer", "autumn"];

    /// <summary>Catalogues for the given Source stores and one Destination, with the known answers.</summary>
    public static GeneratedCatalogues Generate(DemoCatalogueOptions options, IReadOnlyList<string> sourceStores)
    {
        var random = new Random(options.Seed);
        var sources = new Dictionary<string, IReadOnlyList<ShopifyProduct>>();
        var destination = new List<ShopifyProduct>();
        var expectations = new List<ExpectedMapping>();
        var serial = 0;

        for (var s = 0; s < sourceStores.Count; s++)
        {
            var code = StoreCode(s);
            var products = new List<ShopifyProduct>(options.ProductsPerSource);
            for (var i = 0; i < options.ProductsPerSource; i++)
            {
                products.Add(NewProduct(random, code, ++serial));
            }

            // SKU problems in the Source: some variants without a SKU, some SKUs used twice.
            var unhealthy = new HashSet<ShopifyProduct>();
            foreach (var product in Pick(random, products, options.MissingSkuShare))
            {
                product.Variants![random.Next(product.Variants.Count)].Sku = "";
                unhealthy.Add(product);
            }
            var duplicated = new HashSet<ShopifyProduct>();
            foreach (var product in Pick(random, products.Where(p => !unhealthy.Contains(p)).ToList(), options.DuplicateSkuShare))
            {
                var other = products[random.Next(products.Count)];
                if (other == product || unhealthy.Contains(other))
                {
                    continue;
                }
                product.Variants![random.Next(product.Variants.Count)].Sku = other.Variants![random.Next(other.Variants.Count)].Sku;
                duplicated.Add(product);
                duplicated.Add(other);
            }
            unhealthy.UnionWith(duplicated);

            // Some Source products already exist in the Destination.
            foreach (var product in products)
            {
                if (random.NextDouble() >= options.InDestinationShare || unhealthy.Contains(product) && !duplicated.Contains(product))
                {
                    continue;
                }
                var copy = CopyForDestination(random, product);
                var outcome = ExpectedOutcome.Match;
                if (duplicated.Contains(product))
                {
                    outcome = ExpectedOutcome.DuplicateSku;
                }
                else if (random.NextDouble() < options.SlightlyDifferentShare)
                {
                    outcome = Alter(random, copy, code, ref serial);
                }
                destination.Add(copy);
                expectations.Add(new ExpectedMapping(copy.Handle!, outcome, sourceStores[s], product.Handle));
            }
            sources[sourceStores[s]] = products;
        }

        // Products of the Destination's own: unique SKUs, and a few with SKU problems.
        var own = new List<ShopifyProduct>();
        for (var i = 0; i < options.DestinationOnlyProducts; i++)
        {
            own.Add(NewProduct(random, "DST", ++serial));
        }
        var ownOutcomes = own.ToDictionary(p => p, _ => ExpectedOutcome.NoMatch);
        for (var i = 0; i + 1 < own.Count && i < Math.Max(1, own.Count / 10); i += 2)
        {
            own[i + 1].Variants![0].Sku = own[i].Variants![0].Sku;
            ownOutcomes[own[i]] = ownOutcomes[own[i + 1]] = ExpectedOutcome.DuplicateSku;
        }
        foreach (var product in own.Skip(Math.Max(2, own.Count / 10)).Take(Math.Max(1, own.Count / 20)))
        {
            product.Variants![^1].Sku = "";
            ownOutcomes[product] = ExpectedOutcome.MissingSku;
        }
        destination.AddRange(own);
        expectations.AddRange(own.Select(p => new ExpectedMapping(p.Handle!, ownOutcomes[p])));

        // The Destination's own order is not the Sources' order.
        var shuffled = destination.OrderBy(_ => random.Next()).ToList();
        return new GeneratedCatalogues(sources, shuffled, expectations);
    }

    /// <summary>One store's catalogue of <paramref name="count"/> products with unique SKUs (load tests).</summary>
    public static IReadOnlyList<ShopifyProduct> GenerateStore(int seed, int count, string storeCode = "LOAD")
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(1, count).Select(i => NewProduct(random, storeCode, i))];
    }

    private static ShopifyProduct NewProduct(Random random, string storeCode, int serial)
    {
        var kind = Kinds[random.Next(Kinds.Length)];
        var title = $"{Adjectives[random.Next(Adjectives.Length)]} {Materials[random.Next(Materials.Length)]} {kind.Name}";
        var handle = $"{Slug(title)}-{serial}";
        var options = ChooseOptions(random, kind);
        var combinations = Combine(options);
        var basePrice = kind.MinPrice + random.Next(kind.MaxPrice - kind.MinPrice + 1);
        var cents = new[] { "00", "50", "90", "95", "99" }[random.Next(5)];
        var price = decimal.Parse($"{basePrice}.{cents}", CultureInfo.InvariantCulture);
        var onSale = random.NextDouble() < 0.25;
        var variants = combinations.Select((values, index) => new ShopifyVariant
        {
            Option1 = values.ElementAtOrDefault(0) ?? "Default Title",
            Option2 = values.ElementAtOrDefault(1),
            Option3 = values.ElementAtOrDefault(2),
            Sku = $"{storeCode}-{kind.Code}-{serial:000000}-{index + 1:00}",
            Price = price,
            CompareAtPrice = onSale ? Math.Round(price * 1.25m, 0) - 0.01m : null,
            Barcode = Ean13(random),
            Grams = kind.Grams + random.Next(-kind.Grams / 5, kind.Grams / 5 + 1),
            WeightUnit = "kg",
            InventoryQuantity = random.NextDouble() < 0.08 ? 0 : random.Next(1, 201),
            InventoryManagement = "shopify",
        }).ToList();
        foreach (var variant in variants)
        {
            variant.Weight = Math.Round(variant.Grams!.Value / 1000.0, 3);
        }
        var tags = kind.Tags.Concat(ExtraTags.Where(_ => random.NextDouble() < 0.15)).Distinct();
        var images = Enumerable.Range(1, 1 + random.Next(3))
            .Select(n => new ShopifyImage { Src = $"https://images.demo-stores.invalid/{handle}-{n}.jpg", Position = n, Alt = n == 1 ? title : null })
            .ToList();
        return new ShopifyProduct
        {
            Title = title,
            Handle = handle,
            BodyHtml = $"<p>The {title.ToLowerInvariant()} from our {kind.Tags[0]} range.</p><ul><li>Made to last</li><li>Ships in 2 to 4 days</li></ul>",
            Vendor = Vendors[random.Next(Vendors.Length)],
            ProductType = kind.Name,
            Tags = string.Join(", ", tags),
            Status = random.NextDouble() < 0.93 ? "active" : "draft",
            Options = options.Count == 0
                ? [new ShopifyOption { Name = "Title", Position = 1, Values = ["Default Title"] }]
                : [.. options.Select((o, i) => new ShopifyOption { Name = o.Name, Position = i + 1, Values = [.. o.Values] })],
            Variants = variants,
            Images = images,
        };
    }

    /// <summary>One to three options whose combinations make about three variants on average, six at most.</summary>
    private static List<OptionTemplate> ChooseOptions(Random random, ProductKind kind)
    {
        var chosen = new List<OptionTemplate>();
        var budget = random.Next(1, 7);
        foreach (var template in kind.Options)
        {
            var count = Math.Min(template.Values.Count, chosen.Count == 0 ? budget : Math.Max(1, budget / Math.Max(1, chosen.Sum(c => c.Values.Count))));
            if (count <= 1 && chosen.Count > 0)
            {
                break;
            }
            var start = random.Next(template.Values.Count - count + 1);
            chosen.Add(new OptionTemplate(template.Name, [.. template.Values.Skip(start).Take(count)]));
        }
        if (chosen.Count == 1 && chosen[0].Values.Count == 1 && random.NextDouble() < 0.5)
        {
            chosen.Clear();
        }
        return chosen;
    }

    private static List<List<string>> Combine(List<OptionTemplate> options)
    {
        var combinations = new List<List<string>> { new() };
        foreach (var option in options)
        {
            combinations = [.. combinations.SelectMany(c => option.Values.Select(v => new List<string>(c) { v }))];
        }
        return combinations.Take(6).ToList();
    }

    /// <summary>The Destination merchant's own copy: same SKUs and variants, own title suffix sometimes, own price.</summary>
    private static ShopifyProduct CopyForDestination(Random random, ShopifyProduct source) => new()
    {
        Title = random.NextDouble() < 0.3 ? source.Title + " (Outlet)" : source.Title,
        Handle = source.Handle + "-dst",
        BodyHtml = source.BodyHtml,
        Vendor = source.Vendor,
        ProductType = source.ProductType,
        Tags = source.Tags,
        Status = "active",
        Options = [.. source.Options!.Select(o => new ShopifyOption { Name = o.Name, Position = o.Position, Values = [.. o.Values ?? []] })],
        Variants = [.. source.Variants!.Select(v => new ShopifyVariant
        {
            Option1 = v.Option1,
            Option2 = v.Option2,
            Option3 = v.Option3,
            Sku = v.Sku,
            Price = Math.Round(v.Price!.Value * 1.1m, 2),
            Barcode = v.Barcode,
            Grams = v.Grams,
            Weight = v.Weight,
            WeightUnit = v.WeightUnit,
            InventoryQuantity = random.Next(0, 30),
            InventoryManagement = "shopify",
        })],
        Images = [.. source.Images!.Take(1).Select(i => new ShopifyImage { Src = i.Src, Position = 1, Alt = i.Alt })],
    };

    /// <summary>Makes the copy slightly different: a variant more or less, or one SKU changed.</summary>
    private static ExpectedOutcome Alter(Random random, ShopifyProduct copy, string storeCode, ref int serial)
    {
        var variants = copy.Variants!;
        if (variants.Count >= 2 && random.NextDouble() < 0.5)
        {
            variants[random.Next(variants.Count)].Sku = $"{storeCode}-ALT-{++serial:000000}";
            return ExpectedOutcome.PartialSkuMatch;
        }
        if (variants.Count >= 2 && random.NextDouble() < 0.5)
        {
            variants.RemoveAt(variants.Count - 1);
        }
        else
        {
            var last = variants[^1];
            var extra = new ShopifyVariant
            {
                Option1 = last.Option1 + " Plus",
                Option2 = last.Option2,
                Option3 = last.Option3,
                Sku = $"{storeCode}-EXT-{++serial:000000}",
                Price = last.Price,
                Barcode = Ean13(random),
                Grams = last.Grams,
                Weight = last.Weight,
                WeightUnit = last.WeightUnit,
                InventoryQuantity = random.Next(0, 30),
                InventoryManagement = "shopify",
            };
            variants.Add(extra);
        }
        var first = copy.Options![0];
        first.Values = [.. variants.Select(v => v.Option1!).Distinct()];
        return ExpectedOutcome.VariantCountDiffers;
    }

    private static IEnumerable<T> Pick<T>(Random random, IReadOnlyList<T> items, double share) =>
        items.Where(_ => random.NextDouble() < share).ToList();

    private static string StoreCode(int index) => "S" + (char)('A' + index % 26) + (index >= 26 ? (index / 26).ToString(CultureInfo.InvariantCulture) : "");

    /// <summary>A 13-digit EAN with a valid check digit.</summary>
    private static string Ean13(Random random)
    {
        var digits = new int[12];
        digits[0] = 4;
        for (var i = 1; i < 12; i++)
        {
            digits[i] = random.Next(10);
        }
        var sum = digits.Select((d, i) => i % 2 == 0 ? d : d * 3).Sum();
        return string.Concat(digits) + ((10 - sum % 10) % 10).ToString(CultureInfo.InvariantCulture);
    }

    private static string Slug(string text) => DemoStoreCatalogue.Parameterize(text);

    private sealed record OptionTemplate(string Name, IReadOnlyList<string> Values);

    private sealed record ProductKind(string Name, string Code, int MinPrice, int MaxPrice, int Grams, string[] Tags, OptionTemplate[] Options);
}
