using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using SyncDashboard.Core.Shopify;
using SyncDashboard.Core.Shopify.Models;
using SyncDashboard.DemoStores.Persistence;

namespace SyncDashboard.DemoStores;

/// <summary>
/// The state of one demo store: products with their variants, options and images, inventory items
/// and levels, locations and webhook subscriptions. It answers reads from memory and writes every
/// change through to SQLite before it returns, so the store survives a restart. It applies
/// Shopify's rules (default variant, handles, option values, read-only inventory quantity) and
/// raises the webhook topics Shopify raises.
/// This file holds the state, its storage and helpers; the partial files hold one concern each:
/// Paging (reads), Products (writes), ProductRules, Variants, Inventory, Metafields, Webhooks.
/// </summary>
internal sealed partial class DemoStoreCatalogue
{
    /// <summary>The most variants a product may have (2,048 since 2025-10-15; REST reads and writes 100, see DemoStoreApi.VariantLimit).</summary>
    public const int MaxVariants = 2048;
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
    private readonly HashSet<long> _signedByApp = [];
    private const string SignedByAppKey = "demo_signed_by_app";
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
            if (System.Text.Json.Nodes.JsonNode.Parse(row.Json)?[SignedByAppKey]?.GetValue<bool>() == true)
            {
                _signedByApp.Add(row.Id);
            }
        }
        LoadMetafields(db);
    }

    // ---------------------------------------------------------------- helpers

    private ShopifyProduct FindProduct(long id) =>
        _products.TryGetValue(id, out var product) ? product : throw new DemoStoreNotFoundException();

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

    private void Raise(string topic, JsonNode payload)
    {
        if (_heldWebhooks.Value is { } held)
        {
            held.Add((topic, payload));
            return;
        }
        Changed?.Invoke(topic, payload);
    }
}

/// <summary>One page of products, and whether pages lie before and after it.</summary>
internal sealed record ProductPage(IReadOnlyList<JsonObject> Products, bool HasPrevious, bool HasNext);
