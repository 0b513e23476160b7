using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;
using SyncDashboard.Core.Shopify.Models;

namespace SyncDashboard.DemoStores.Seeding;

/// <summary>The products read from a Shopify product CSV, and how many rows were image rows.</summary>
public sealed record CsvImportResult(IReadOnlyList<ShopifyProduct> Products, int Rows, int ImageRows)
{
    public int VariantCount => Products.Sum(p => p.Variants?.Count ?? 0);
    public int ImageCount => Products.Sum(p => p.Images?.Count ?? 0);
}

/// <summary>A row of a product CSV that cannot be imported; names the line.</summary>
public sealed class CsvImportException(string message) : Exception(message);

/// <summary>
/// Reads Shopify's product CSV format (the one merchants export and import). Rows are grouped by
/// Handle; the first row of a handle carries the product's fields and its first variant; a later
/// row with an option value or variant fields is another variant; a row with only an image is an
/// image, not a variant. Columns that an export lacks are simply absent.
/// </summary>
public static class ShopifyCsvImporter
{
    private const string ResourcePrefix = "SyncDashboard.DemoStores.Seeding.Catalogues.";

    /// <summary>The sample catalogues shipped with the project (Shopify's own, see Catalogues/).</summary>
    public static IReadOnlyList<string> EmbeddedCatalogues { get; } =
        [.. typeof(ShopifyCsvImporter).Assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal))
            .Select(n => n[ResourcePrefix.Length..])
            .Order(StringComparer.Ordinal)];

    public static CsvImportResult ImportFile(string path)
    {
        using var reader = new StreamReader(path);
        return Import(reader, Path.GetFileName(path));
    }

    public static CsvImportResult ImportEmbedded(string fileName)
    {
        using var stream = OpenEmbedded(fileName);
        using var reader = new StreamReader(stream);
        return Import(reader, fileName);
    }

    public static Stream OpenEmbedded(string fileName) =>
        typeof(ShopifyCsvImporter).Assembly.GetManifestResourceStream(ResourcePrefix + fileName)
        ?? throw new FileNotFoundException(
            $"No sample catalogue is named '{fileName}'. Known: {string.Join(", ", EmbeddedCatalogues)}.", fileName);

    public static CsvImportResult Import(TextReader text, string sourceName = "CSV")
    {
        var configuration = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            HeaderValidated = null,
            MissingFieldFound = null,
            TrimOptions = TrimOptions.None,
        };
        using var csv = new CsvReader(text, configuration);
        if (!csv.Read() || !csv.ReadHeader())
        {
            throw new CsvImportException($"{sourceName}: the file is empty.");
        }
        var header = csv.HeaderRecord!.ToHashSet(StringComparer.OrdinalIgnoreCase);
        if (!header.Contains("Handle"))
        {
            throw new CsvImportException($"{sourceName}: the header has no Handle column; is this a Shopify product CSV?");
        }

        var products = new Dictionary<string, ShopifyProduct>(StringComparer.Ordinal);
        var order = new List<ShopifyProduct>();
        var rows = 0;
        var imageRows = 0;
        while (csv.Read())
        {
            rows++;
            var line = csv.Parser.RawRow;
            string Field(string name) => header.Contains(name) ? (csv.GetField(name) ?? "").Trim() : "";

            var handle = Field("Handle");
            if (handle.Length == 0)
            {
                throw new CsvImportException($"{sourceName}, line {line}: the row has no Handle.");
            }
            var isFirst = !products.TryGetValue(handle, out var product);
            if (product is null)
            {
                var published = Field("Published");
                var status = Field("Status").ToLowerInvariant();
                product = new ShopifyProduct
                {
                    Handle = handle,
                    Title = Field("Title"),
                    BodyHtml = Field("Body (HTML)"),
                    Vendor = Field("Vendor"),
                    ProductType = FirstNonEmpty(Field("Type"), Field("Product Type")),
                    Tags = Field("Tags"),
                    Status = status is "active" or "draft" or "archived"
                        ? status
                        : string.Equals(published, "false", StringComparison.OrdinalIgnoreCase) ? "draft" : "active",
                    Options = [],
                    Variants = [],
                    Images = [],
                };
                for (var i = 1; i <= 3; i++)
                {
                    var name = Field($"Option{i} Name");
                    if (name.Length > 0)
                    {
                        product.Options.Add(new ShopifyOption { Name = name, Position = i });
                    }
                }
                products[handle] = product;
                order.Add(product);
            }

            var optionValue = Field("Option1 Value");
            var hasVariantFields = Field("Variant SKU").Length > 0 || Field("Variant Price").Length > 0;
            if (isFirst || optionValue.Length > 0 || hasVariantFields)
            {
                product.Variants!.Add(new ShopifyVariant
                {
                    Option1 = NullIfEmpty(optionValue),
                    Option2 = NullIfEmpty(Field("Option2 Value")),
                    Option3 = NullIfEmpty(Field("Option3 Value")),
                    Sku = NullIfEmpty(Field("Variant SKU").TrimStart('\'')),
                    Grams = Int(Field("Variant Grams"), "Variant Grams"),
                    InventoryQuantity = Int(Field("Variant Inventory Qty"), "Variant Inventory Qty"),
                    InventoryPolicy = NullIfEmpty(Field("Variant Inventory Policy")),
                    InventoryManagement = NullIfEmpty(Field("Variant Inventory Tracker")),
                    FulfillmentService = NullIfEmpty(Field("Variant Fulfillment Service")),
                    Price = Money(Field("Variant Price"), "Variant Price"),
                    CompareAtPrice = Money(Field("Variant Compare At Price"), "Variant Compare At Price"),
                    RequiresShipping = Bool(Field("Variant Requires Shipping")),
                    Taxable = Bool(Field("Variant Taxable")),
                    Barcode = NullIfEmpty(Field("Variant Barcode").TrimStart('\'')),
                    WeightUnit = NullIfEmpty(Field("Variant Weight Unit")),
                });
            }
            else
            {
                imageRows++;
            }

            var imageSource = Field("Image Src");
            if (imageSource.Length > 0 && product.Images!.All(i => i.Src != imageSource))
            {
                product.Images!.Add(new ShopifyImage
                {
                    Src = imageSource,
                    Position = Int(Field("Image Position"), "Image Position") ?? product.Images.Count + 1,
                    Alt = NullIfEmpty(Field("Image Alt Text")),
                });
            }

            int? Int(string value, string column) =>
                value.Length == 0 ? null
                : int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) ? number
                : decimal.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out var whole) && whole == Math.Floor(whole) ? (int)whole
                : throw new CsvImportException($"{sourceName}, line {line}: {column} '{value}' is not a whole number.");

            decimal? Money(string value, string column) =>
                value.Length == 0 ? null
                : decimal.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out var amount) ? amount
                : throw new CsvImportException($"{sourceName}, line {line}: {column} '{value}' is not an amount.");
        }
        foreach (var product in order)
        {
            // A product without real options keeps Shopify's "Title" option with "Default Title".
            if (product.Options!.Count == 0)
            {
                product.Options.Add(new ShopifyOption { Name = "Title", Position = 1 });
            }
            foreach (var variant in product.Variants!)
            {
                variant.Option1 ??= product.Options[0].Name == "Title" ? "Default Title" : null;
            }
        }
        return new CsvImportResult(order, rows, imageRows);
    }

    private static string FirstNonEmpty(params string[] values) => values.FirstOrDefault(v => v.Length > 0) ?? "";

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;

    private static bool? Bool(string value) =>
        bool.TryParse(value, out var flag) ? flag : null;
}
