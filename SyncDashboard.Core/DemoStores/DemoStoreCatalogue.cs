using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using SyncDashboard.Core.DemoStores.Persistence;
using SyncDashboard.Core.Shopify;
using SyncDashboard.Core.Shopify.Models;

namespace SyncDashboard.Core.DemoStores;

/// <summary>
/// The state of one demo store: products with their variants, options and images, inventory items
/// and levels, locations and webhook subscriptions. It answers reads from memory and writes every
/// change through to SQLite before it returns, so the store survives a restart. It applies
/// Shopify's rules (default variant, handles, option values, read-only inventory quantity) and
/// raises the webhook topics Shopify raises.
/// </summary>
internal sealed partial class DemoStoreCatalogue
{
    public const int MaxVariants = 100;
    private static readonly string[] ProductStatuses = ["active", "draft", "archived"];

    private readonly Lock _gate = new();
    private readonly string _store;
    private readonly DbContextOptions<DemoStoreDbContext> _db;
    private readonly TimeProvider _time;
    private readonly List<long> _productIds = [];
    private readonly Dictionary<long, ShopifyProduct> _products = [];
    private readonly Dictionary<long, (long ProductId, long VariantId)> _inventoryItems = [];
    private readonly Dictionary<(long Item, long Location), DemoInventoryLevelRow> _levels = [];
    private readonly SortedDictionary<long, ShopifyLocation> _locations = [];
    private readonly SortedDictionary<long, ShopifyWebhook> _webhooks = [];
    private readonly long _firstId;
    private long _nextId;
    private bool _seeded;

    public DemoStoreCatalogue(string store, DbContextOptions<DemoStoreDbContext> db, TimeProvider time, IReadOnlyList<string>? locations = null)
    {
        _store = store;
        _db = db;
        _time = time;
        // Ids look like Shopify's (13 digits) and differ between stores, which helps when reading logs.
        _firstId = 7_000_000_000_000 + (long)(StableHash(store) % 900) * 1_000_000_000;
        Load(locations is { Count: > 0 } ? locations : ["Main warehouse"]);
    }

    /// <summary>Raised after a change was saved: the webhook topic and the REST resource it carries.</summary>
    public event Action<string, JsonNode>? Changed;

    public long PrimaryLocationId
    {
        get
        {
            lock (_gate)
            {
                return _locations.Keys.First();
            }
        }
    }

    public bool Seeded
    {
        get
        {
            lock (_gate)
            {
                return _seeded;
            }
        }
    }

    public int ProductCount
    {
        get
        {
            lock (_gate)
            {
                return _products.Count;
            }
        }
    }

    // ---------------------------------------------------------------- products: reads

    public ProductPage ListProducts(ProductQuery query, PageCursor? cursor, int limit)
    {
        lock (_gate)
        {
            var page = new List<ShopifyProduct>(limit);
            bool more;
            if (cursor is { Direction: CursorDirection.Previous })
            {
                var index = LowerBound(cursor.Id) - 1;
                for (; index >= 0 && page.Count < limit; index--)
                {
                    var product = _products[_productIds[index]];
                    if (query.Matches(product))
                    {
                        page.Add(product);
                    }
                }
                more = AnyMatch(query, index, step: -1);
                page.Reverse();
                var hasNext = page.Count > 0 && AnyMatch(query, LowerBound(page[^1].Id!.Value) + 1, step: 1);
                return new ProductPage(page.Select(ToJson).ToList(), HasPrevious: more, HasNext: hasNext);
            }

            var start = cursor is null
                ? (query.SinceId is { } sinceId ? LowerBound(sinceId + 1) : 0)
                : LowerBound(cursor.Id + 1);
            var i = start;
            for (; i < _productIds.Count && page.Count < limit; i++)
            {
                var product = _products[_productIds[i]];
                if (query.Matches(product))
                {
                    page.Add(product);
                }
            }
            more = AnyMatch(query, i, step: 1);
            var hasPrevious = cursor is not null && page.Count > 0 && AnyMatch(query, LowerBound(page[0].Id!.Value) - 1, step: -1);
            return new ProductPage(page.Select(ToJson).ToList(), hasPrevious, more);
        }
    }

    public long CountProducts(ProductQuery query)
    {
        lock (_gate)
        {
            return _products.Values.LongCount(query.Matches);
        }
    }

    public JsonObject GetProduct(long id)
    {
        lock (_gate)
        {
            return ToJson(FindProduct(id));
        }
    }

    // ---------------------------------------------------------------- products: writes

    /// <summary>
    /// Creates a product as <c>POST products.json</c> does, with the <c>metafields</c> the body carries.
    /// <paramref name="raw"/> tells an explicit null (an untracked variant's <c>inventory_management</c>) from an absent field.
    /// </summary>
    public JsonObject CreateProduct(ShopifyProduct input, JsonObject? raw = null)
    {
        JsonObject result;
        lock (_gate)
        {
            var product = BuildNewProduct(input, keepInventory: false, raw?["variants"] as JsonArray);
            var metafields = NewMetafields(product.Id!.Value, input.Metafields ?? []);
            using var db = new DemoStoreDbContext(_db);
            AddProduct(db, product, inventoryFrom: null);
            SaveMetafields(db, product.Id.Value, metafields);
            SaveStoreState(db);
            db.SaveChanges();
            result = ToJson(product);
        }
        Raise("products/create", result);
        return result;
    }

    /// <summary>Changes the fields the body carries, as <c>PUT products/{id}.json</c> does.</summary>
    public JsonObject UpdateProduct(long id, ShopifyProduct input, JsonObject raw)
    {
        JsonObject result;
        var removedItems = new List<long>();
        lock (_gate)
        {
            var product = FindProduct(id);
            var now = Now();
            var draft = Clone(product);
            ApplyScalarFields(draft, input);
            if (input.Options is not null)
            {
                ApplyOptionNames(draft, input.Options);
            }
            using var db = new DemoStoreDbContext(_db);
            var addedVariants = new List<ShopifyVariant>();
            if (input.Variants is not null)
            {
                var rawVariants = raw["variants"] as JsonArray;
                draft.Variants = MergeVariants(draft, input.Variants, rawVariants, addedVariants, removedItems, now);
            }
            if (input.Images is not null)
            {
                draft.Images = MergeImages(draft, input.Images, now);
            }
            RebuildOptionValues(draft);
            Validate(draft);
            draft.UpdatedAt = now;
            draft.Image = draft.Images?.FirstOrDefault();

            foreach (var itemId in removedItems)
            {
                RemoveInventoryItem(db, itemId);
            }
            foreach (var variant in addedVariants)
            {
                AddInventoryItem(db, draft.Id!.Value, variant, available: 0);
            }
            _products[id] = draft;
            RefreshQuantities(draft);
            UpsertProductRow(db, draft);
            SaveStoreState(db);
            db.SaveChanges();
            result = ToJson(draft);
        }
        Raise("products/update", result);
        return result;
    }

    public void DeleteProduct(long id)
    {
        lock (_gate)
        {
            var product = FindProduct(id);
            using var db = new DemoStoreDbContext(_db);
            foreach (var variant in product.Variants ?? [])
            {
                RemoveInventoryItem(db, variant.InventoryItemId!.Value);
            }
            _products.Remove(id);
            _productIds.RemoveAt(LowerBound(id));
            RemoveMetafields(db, id);
            var row = db.Products.Find(_store, id);
            if (row is not null)
            {
                db.Products.Remove(row);
            }
            db.SaveChanges();
        }
        Raise("products/delete", new JsonObject { ["id"] = id });
    }

    /// <summary>
    /// Adds catalogue products directly (no rate limit, no webhooks), with each variant's
    /// <c>inventory_quantity</c> as its stock at the primary location. Marks the store seeded.
    /// </summary>
    public int Seed(IEnumerable<ShopifyProduct> products)
    {
        lock (_gate)
        {
            var added = 0;
            using var db = new DemoStoreDbContext(_db);
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            foreach (var input in products)
            {
                var product = BuildNewProduct(input, keepInventory: true);
                AddProduct(db, product, inventoryFrom: input);
                added++;
                if (added % 2_000 == 0)
                {
                    db.SaveChanges();
                    db.ChangeTracker.Clear();
                }
            }
            _seeded = true;
            db.ChangeTracker.AutoDetectChangesEnabled = true; // so the store row's update is seen
            SaveStoreState(db);
            db.SaveChanges();
            return added;
        }
    }

    /// <summary>Forgets every product, inventory level and webhook subscription; keeps the locations.</summary>
    public void Reset()
    {
        lock (_gate)
        {
            using var db = new DemoStoreDbContext(_db);
            db.Products.Where(p => p.Store == _store).ExecuteDelete();
            db.InventoryLevels.Where(l => l.Store == _store).ExecuteDelete();
            db.Webhooks.Where(w => w.Store == _store).ExecuteDelete();
            db.Metafields.Where(m => m.Store == _store).ExecuteDelete();
            _metafields.Clear();
            _products.Clear();
            _productIds.Clear();
            _inventoryItems.Clear();
            _levels.Clear();
            _webhooks.Clear();
            _seeded = false;
            SaveStoreState(db);
            db.SaveChanges();
        }
    }

    // ---------------------------------------------------------------- inventory and locations

    public IReadOnlyList<ShopifyInventoryLevel> ListInventoryLevels(IReadOnlySet<long>? itemIds, IReadOnlySet<long>? locationIds)
    {
        lock (_gate)
        {
            return _levels.Values
                .Where(l => (itemIds is null || itemIds.Contains(l.InventoryItemId)) &&
                            (locationIds is null || locationIds.Contains(l.LocationId)))
                .OrderBy(l => l.InventoryItemId).ThenBy(l => l.LocationId)
                .Select(ToLevel)
                .ToList();
        }
    }

    public ShopifyInventoryLevel SetInventoryLevel(long itemId, long locationId, int available) =>
        ChangeInventory(itemId, locationId, _ => available);

    public ShopifyInventoryLevel AdjustInventoryLevel(long itemId, long locationId, int adjustment) =>
        ChangeInventory(itemId, locationId, current => current + adjustment);

    public IReadOnlyList<ShopifyLocation> ListLocations()
    {
        lock (_gate)
        {
            return [.. _locations.Values];
        }
    }

    public ShopifyLocation GetLocation(long id)
    {
        lock (_gate)
        {
            return _locations.TryGetValue(id, out var location) ? location : throw new DemoStoreNotFoundException();
        }
    }

    // ---------------------------------------------------------------- webhooks

    public IReadOnlyList<ShopifyWebhook> ListWebhooks(string? topic = null, string? address = null)
    {
        lock (_gate)
        {
            return _webhooks.Values
                .Where(w => (topic is null || w.Topic == topic) && (address is null || w.Address == address))
                .ToList();
        }
    }

    public ShopifyWebhook GetWebhook(long id)
    {
        lock (_gate)
        {
            return _webhooks.TryGetValue(id, out var webhook) ? webhook : throw new DemoStoreNotFoundException();
        }
    }

    public ShopifyWebhook CreateWebhook(ShopifyWebhook input, string apiVersion)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(input.Topic))
        {
            errors["topic"] = ["can't be blank"];
        }
        else if (!DemoWebhookTopics.Supported.Contains(input.Topic))
        {
            errors["topic"] = ["Invalid topic specified. Topics allowed: " + string.Join(", ", DemoWebhookTopics.Supported)];
        }
        if (string.IsNullOrWhiteSpace(input.Address))
        {
            errors["address"] = ["can't be blank"];
        }
        else if (!Uri.TryCreate(input.Address, UriKind.Absolute, out var uri) || (uri.Scheme != "http" && uri.Scheme != "https"))
        {
            errors["address"] = ["is invalid"];
        }
        if (input.Format is not null and not "json")
        {
            errors["format"] = ["is not included in the list"];
        }
        if (errors.Count > 0)
        {
            throw new DemoStoreValidationException(errors);
        }

        lock (_gate)
        {
            if (_webhooks.Values.Any(w => w.Topic == input.Topic && w.Address == input.Address))
            {
                throw DemoStoreValidationException.For("address", "for this topic has already been taken");
            }
            var now = Now();
            var webhook = new ShopifyWebhook
            {
                Id = NewId(),
                Topic = input.Topic,
                Address = input.Address,
                Format = "json",
                ApiVersion = apiVersion,
                Fields = input.Fields ?? [],
                CreatedAt = now,
                UpdatedAt = now,
            };
            _webhooks[webhook.Id!.Value] = webhook;
            using var db = new DemoStoreDbContext(_db);
            db.Webhooks.Add(new DemoWebhookRow { Store = _store, Id = webhook.Id.Value, Json = Serialize(webhook) });
            SaveStoreState(db);
            db.SaveChanges();
            return webhook;
        }
    }

    public void DeleteWebhook(long id)
    {
        lock (_gate)
        {
            if (!_webhooks.Remove(id))
            {
                throw new DemoStoreNotFoundException();
            }
            using var db = new DemoStoreDbContext(_db);
            db.Webhooks.Where(w => w.Store == _store && w.Id == id).ExecuteDelete();
        }
    }

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

    // ---------------------------------------------------------------- inventory internals

    private ShopifyInventoryLevel ChangeInventory(long itemId, long locationId, Func<int, int> change)
    {
        ShopifyInventoryLevel result;
        lock (_gate)
        {
            if (!_inventoryItems.TryGetValue(itemId, out var owner))
            {
                throw DemoStoreValidationException.For("inventory_item_id", "Inventory item does not exist");
            }
            if (!_locations.ContainsKey(locationId))
            {
                throw DemoStoreValidationException.For("location_id", "Location does not exist");
            }
            var product = _products[owner.ProductId];
            var variant = product.Variants!.First(v => v.Id == owner.VariantId);
            if (variant.InventoryManagement is null)
            {
                throw DemoStoreValidationException.ForBase("Inventory item does not have inventory tracking enabled");
            }
            using var db = new DemoStoreDbContext(_db);
            if (!_levels.TryGetValue((itemId, locationId), out var level))
            {
                level = new DemoInventoryLevelRow { Store = _store, InventoryItemId = itemId, LocationId = locationId };
                _levels[(itemId, locationId)] = level;
                db.InventoryLevels.Add(level);
            }
            else
            {
                db.InventoryLevels.Attach(level);
            }
            variant.OldInventoryQuantity = variant.InventoryQuantity;
            level.Available = change(level.Available);
            level.UpdatedAt = Now();
            RefreshQuantities(product);
            variant.UpdatedAt = level.UpdatedAt;
            product.UpdatedAt = level.UpdatedAt; // as in Shopify, a stock change makes the product "updated"
            UpsertProductRow(db, product);
            db.SaveChanges();
            result = ToLevel(level);
        }
        Raise("inventory_levels/update", JsonSerializer.SerializeToNode(result, ShopifyJson.Responses)!);
        return result;
    }

    /// <summary>A variant's <c>inventory_quantity</c> is the sum of its levels.</summary>
    private void RefreshQuantities(ShopifyProduct product)
    {
        foreach (var variant in product.Variants!)
        {
            var itemId = variant.InventoryItemId!.Value;
            variant.InventoryQuantity = _locations.Keys.Sum(l => _levels.TryGetValue((itemId, l), out var level) ? level.Available : 0);
        }
    }

    private void AddInventoryItem(DemoStoreDbContext db, long productId, ShopifyVariant variant, int available)
    {
        var itemId = variant.InventoryItemId!.Value;
        _inventoryItems[itemId] = (productId, variant.Id!.Value);
        var level = new DemoInventoryLevelRow
        {
            Store = _store,
            InventoryItemId = itemId,
            LocationId = _locations.Keys.First(),
            Available = available,
            UpdatedAt = variant.UpdatedAt ?? Now(),
        };
        _levels[(itemId, level.LocationId)] = level;
        db.InventoryLevels.Add(level);
    }

    private void RemoveInventoryItem(DemoStoreDbContext db, long itemId)
    {
        _inventoryItems.Remove(itemId);
        foreach (var location in _locations.Keys)
        {
            if (_levels.Remove((itemId, location), out var level))
            {
                db.InventoryLevels.Remove(level);
            }
        }
    }

    private static ShopifyInventoryLevel ToLevel(DemoInventoryLevelRow level) => new()
    {
        InventoryItemId = level.InventoryItemId,
        LocationId = level.LocationId,
        Available = level.Available,
        UpdatedAt = level.UpdatedAt,
        AdminGraphqlApiId = $"gid://shopify/InventoryLevel/{level.LocationId}?inventory_item_id={level.InventoryItemId}",
    };

    // ---------------------------------------------------------------- storage

    private void AddProduct(DemoStoreDbContext db, ShopifyProduct product, ShopifyProduct? inventoryFrom)
    {
        var id = product.Id!.Value;
        _products[id] = product;
        _productIds.Add(id); // ids only grow, so the list stays sorted
        foreach (var variant in product.Variants!)
        {
            AddInventoryItem(db, id, variant, inventoryFrom is null ? 0 : variant.InventoryQuantity ?? 0);
        }
        RefreshQuantities(product);
        db.Products.Add(new DemoProductRow { Store = _store, Id = id, Json = Serialize(product) });
    }

    private void UpsertProductRow(DemoStoreDbContext db, ShopifyProduct product)
    {
        var row = db.Products.Find(_store, product.Id!.Value);
        if (row is null)
        {
            db.Products.Add(new DemoProductRow { Store = _store, Id = product.Id.Value, Json = Serialize(product) });
        }
        else
        {
            row.Json = Serialize(product);
        }
    }

    private void SaveStoreState(DemoStoreDbContext db)
    {
        var row = db.Stores.Find(_store);
        if (row is null)
        {
            db.Stores.Add(new DemoStoreRow { Name = _store, NextId = _nextId, Seeded = _seeded });
        }
        else
        {
            row.NextId = _nextId;
            row.Seeded = _seeded;
        }
    }

    private void Load(IReadOnlyList<string> locationNames)
    {
        using var db = new DemoStoreDbContext(_db);
        var state = db.Stores.AsNoTracking().SingleOrDefault(s => s.Name == _store);
        _nextId = state?.NextId ?? _firstId;
        _seeded = state?.Seeded ?? false;

        foreach (var row in db.Locations.AsNoTracking().Where(l => l.Store == _store))
        {
            _locations[row.Id] = JsonSerializer.Deserialize<ShopifyLocation>(row.Json, ShopifyJson.Responses)!;
        }
        var missing = locationNames.Where(name => _locations.Values.All(l => l.Name != name)).ToList();
        foreach (var name in missing)
        {
            var now = Now();
            var location = new ShopifyLocation
            {
                Id = NewId(),
                Name = name,
                Address1 = $"{_locations.Count + 1} Demo Street",
                City = "Ottawa",
                Zip = "K1A 0A1",
                Country = "CA",
                CountryCode = "CA",
                Active = true,
                Legacy = false,
                CreatedAt = now,
                UpdatedAt = now,
            };
            location.AdminGraphqlApiId = $"gid://shopify/Location/{location.Id}";
            _locations[location.Id] = location;
            db.Locations.Add(new DemoLocationRow { Store = _store, Id = location.Id, Json = Serialize(location) });
        }
        if (missing.Count > 0)
        {
            SaveStoreState(db);
            db.SaveChanges();
        }

        foreach (var row in db.Products.AsNoTracking().Where(p => p.Store == _store).OrderBy(p => p.Id))
        {
            var product = JsonSerializer.Deserialize<ShopifyProduct>(row.Json, ShopifyJson.Responses)!;
            _products[row.Id] = product;
            _productIds.Add(row.Id);
            foreach (var variant in product.Variants ?? [])
            {
                _inventoryItems[variant.InventoryItemId!.Value] = (row.Id, variant.Id!.Value);
            }
        }
        foreach (var level in db.InventoryLevels.AsNoTracking().Where(l => l.Store == _store))
        {
            _levels[(level.InventoryItemId, level.LocationId)] = level;
        }
        foreach (var row in db.Webhooks.AsNoTracking().Where(w => w.Store == _store))
        {
            _webhooks[row.Id] = JsonSerializer.Deserialize<ShopifyWebhook>(row.Json, ShopifyJson.Responses)!;
        }
        LoadMetafields(db);
    }

    // ---------------------------------------------------------------- helpers

    private ShopifyProduct FindProduct(long id) =>
        _products.TryGetValue(id, out var product) ? product : throw new DemoStoreNotFoundException();

    private int LowerBound(long id)
    {
        var index = _productIds.BinarySearch(id);
        return index >= 0 ? index : ~index;
    }

    private bool AnyMatch(ProductQuery query, int from, int step)
    {
        for (var i = from; i >= 0 && i < _productIds.Count; i += step)
        {
            if (query.Matches(_products[_productIds[i]]))
            {
                return true;
            }
        }
        return false;
    }

    private long NewId() => _nextId++;

    private DateTimeOffset Now() => Truncate(_time.GetUtcNow());

    private static DateTimeOffset Truncate(DateTimeOffset value) =>
        new(value.Ticks - value.Ticks % TimeSpan.TicksPerSecond, value.Offset);

    private string UniqueHandle(string handle, long id)
    {
        if (handle.Length == 0)
        {
            handle = $"product-{id}";
        }
        var taken = _products.Values.Select(p => p.Handle).ToHashSet(StringComparer.Ordinal);
        if (!taken.Contains(handle))
        {
            return handle;
        }
        for (var suffix = 1; ; suffix++)
        {
            var candidate = $"{handle}-{suffix}";
            if (!taken.Contains(candidate))
            {
                return candidate;
            }
        }
    }

    /// <summary>Lower case, letters and digits, words joined by hyphens ("Ocean Blue Shirt" becomes "ocean-blue-shirt").</summary>
    internal static string Parameterize(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text.Normalize(NormalizationForm.FormD))
        {
            if (char.IsLetterOrDigit(c) && c < 128)
            {
                builder.Append(char.ToLowerInvariant(c));
            }
            else if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark && builder.Length > 0 && builder[^1] != '-')
            {
                builder.Append('-');
            }
        }
        return builder.ToString().Trim('-');
    }

    /// <summary>Tags are trimmed, de-duplicated, sorted and joined with ", ", as Shopify returns them.</summary>
    internal static string NormalizeTags(string? tags) =>
        string.Join(", ", (tags ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .Order(StringComparer.OrdinalIgnoreCase));

    private static double ToGrams(double weight, string unit) => unit switch
    {
        "g" => weight,
        "lb" => weight * 453.59237,
        "oz" => weight * 28.349523125,
        _ => weight * 1000,
    };

    private static double FromGrams(int grams, string unit) => unit switch
    {
        "g" => grams,
        "lb" => grams / 453.59237,
        "oz" => grams / 28.349523125,
        _ => grams / 1000.0,
    };

    private static JsonObject ToJson(ShopifyProduct product) =>
        JsonSerializer.SerializeToNode(product, ShopifyJson.Responses)!.AsObject();

    private static string Serialize<T>(T value) => JsonSerializer.Serialize(value, ShopifyJson.Responses);

    private static ShopifyProduct Clone(ShopifyProduct product) =>
        JsonSerializer.Deserialize<ShopifyProduct>(Serialize(product), ShopifyJson.Responses)!;

    private static ulong StableHash(string text)
    {
        var hash = 14695981039346656037UL; // FNV-1a, stable across runs (string.GetHashCode is not)
        foreach (var c in text)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }
        return hash;
    }

    private void Raise(string topic, JsonNode payload) => Changed?.Invoke(topic, payload);
}

/// <summary>One page of products, and whether pages lie before and after it.</summary>
internal sealed record ProductPage(IReadOnlyList<JsonObject> Products, bool HasPrevious, bool HasNext);
