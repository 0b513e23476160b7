using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SyncDashboard.DemoStores.Persistence;
using SyncDashboard.Core.Shopify;
using SyncDashboard.Core.Shopify.Models;

namespace SyncDashboard.DemoStores;

// Product metafields: products/{id}/metafields.json, and the metafields a product is created with.
internal sealed partial class DemoStoreCatalogue
{
    private static readonly HashSet<string> MetafieldTypes = new(StringComparer.Ordinal)
    {
        "single_line_text_field", "multi_line_text_field", "number_integer", "number_decimal", "boolean", "json", "date", "date_time", "url",
    };

    private readonly Dictionary<long, List<ShopifyMetafield>> _metafields = [];

    /// <summary>The products carrying a metafield of that namespace and key with that value (for tests and the demo).</summary>
    public IReadOnlyList<long> ProductsWithMetafield(string @namespace, string key, string value)
    {
        lock (_gate)
        {
            return [.. _metafields.Where(p => _products.ContainsKey(p.Key) && p.Value.Any(m => m.Namespace == @namespace && m.Key == key && m.Value == value))
                .Select(p => p.Key).Order()];
        }
    }

    public IReadOnlyList<ShopifyMetafield> ListMetafields(long productId, string? @namespace = null, string? key = null)
    {
        lock (_gate)
        {
            FindProduct(productId);
            return [.. (_metafields.GetValueOrDefault(productId) ?? [])
                .Where(m => (@namespace is null || m.Namespace == @namespace) && (key is null || m.Key == key))
                .OrderBy(m => m.Id)];
        }
    }

    public ShopifyMetafield GetMetafield(long productId, long metafieldId)
    {
        lock (_gate)
        {
            FindProduct(productId);
            return (_metafields.GetValueOrDefault(productId) ?? []).FirstOrDefault(m => m.Id == metafieldId) ?? throw new DemoStoreNotFoundException();
        }
    }

    /// <summary>
    /// Creates a metafield as <c>POST products/{id}/metafields.json</c> does: namespace (3 to 255
    /// characters), key (2 to 64), a supported type and a value are required, and a namespace and key
    /// may be used once per product (422 "must be unique within this namespace on this resource").
    /// </summary>
    public ShopifyMetafield CreateMetafield(long productId, ShopifyMetafield input)
    {
        lock (_gate)
        {
            FindProduct(productId);
            var metafield = NewMetafields(productId, [input]).Single();
            using var db = new DemoStoreDbContext(_db);
            SaveMetafields(db, productId, [metafield]);
            SaveStoreState(db);
            db.SaveChanges();
            return metafield;
        }
    }

    /// <summary>Changes a metafield's value (and type) as <c>PUT products/{id}/metafields/{metafield_id}.json</c> does.</summary>
    public ShopifyMetafield UpdateMetafield(long productId, long metafieldId, ShopifyMetafield input)
    {
        lock (_gate)
        {
            FindProduct(productId);
            var metafield = (_metafields.GetValueOrDefault(productId) ?? []).FirstOrDefault(m => m.Id == metafieldId) ?? throw new DemoStoreNotFoundException();
            if (input.Value is not null && input.Value.Length == 0)
            {
                throw DemoStoreValidationException.For("value", "can't be blank");
            }
            if (input.Type is not null && !MetafieldTypes.Contains(input.Type))
            {
                throw DemoStoreValidationException.For("type", "is invalid");
            }
            metafield.Value = input.Value ?? metafield.Value;
            metafield.Type = input.Type ?? metafield.Type;
            metafield.Description = input.Description ?? metafield.Description;
            metafield.UpdatedAt = Now();
            using var db = new DemoStoreDbContext(_db);
            var row = db.Metafields.Find(_store, metafieldId)!;
            row.Json = Serialize(metafield);
            db.SaveChanges();
            return metafield;
        }
    }

    public void DeleteMetafield(long productId, long metafieldId)
    {
        lock (_gate)
        {
            FindProduct(productId);
            if (!_metafields.TryGetValue(productId, out var list) || list.RemoveAll(m => m.Id == metafieldId) == 0)
            {
                throw new DemoStoreNotFoundException();
            }
            using var db = new DemoStoreDbContext(_db);
            db.Metafields.Where(m => m.Store == _store && m.Id == metafieldId).ExecuteDelete();
        }
    }

    /// <summary>Validates and builds new metafields of a product (not saved yet); call under the gate.</summary>
    private List<ShopifyMetafield> NewMetafields(long productId, IReadOnlyList<ShopifyMetafield> inputs)
    {
        var existing = _metafields.GetValueOrDefault(productId) ?? [];
        var created = new List<ShopifyMetafield>();
        foreach (var input in inputs)
        {
            var errors = new Dictionary<string, string[]>();
            if (string.IsNullOrWhiteSpace(input.Namespace) || input.Namespace.Length is < 3 or > 255)
            {
                errors["namespace"] = ["is too short (minimum is 3 characters)"];
            }
            if (string.IsNullOrWhiteSpace(input.Key) || input.Key.Length is < 2 or > 64)
            {
                errors["key"] = ["is too short (minimum is 2 characters)"];
            }
            if (string.IsNullOrEmpty(input.Value))
            {
                errors["value"] = ["can't be blank"];
            }
            if (string.IsNullOrEmpty(input.Type) || !MetafieldTypes.Contains(input.Type))
            {
                errors["type"] = ["is invalid"];
            }
            if (errors.Count == 0 && existing.Concat(created).Any(m => m.Namespace == input.Namespace && m.Key == input.Key))
            {
                errors["key"] = ["must be unique within this namespace on this resource"];
            }
            if (errors.Count > 0)
            {
                throw new DemoStoreValidationException(errors);
            }
            var now = Now();
            var id = NewId();
            created.Add(new ShopifyMetafield
            {
                Id = id,
                Namespace = input.Namespace,
                Key = input.Key,
                Value = input.Value,
                Type = input.Type,
                Description = input.Description,
                OwnerId = productId,
                OwnerResource = "product",
                CreatedAt = now,
                UpdatedAt = now,
                AdminGraphqlApiId = $"gid://shopify/Metafield/{id}",
            });
        }
        return created;
    }

    private void SaveMetafields(DemoStoreDbContext db, long productId, IReadOnlyList<ShopifyMetafield> metafields)
    {
        if (metafields.Count == 0)
        {
            return;
        }
        if (!_metafields.TryGetValue(productId, out var list))
        {
            _metafields[productId] = list = [];
        }
        foreach (var metafield in metafields)
        {
            list.Add(metafield);
            db.Metafields.Add(new DemoMetafieldRow { Store = _store, Id = metafield.Id!.Value, OwnerId = productId, Json = Serialize(metafield) });
        }
    }

    private void RemoveMetafields(DemoStoreDbContext db, long productId)
    {
        if (_metafields.Remove(productId))
        {
            db.Metafields.Where(m => m.Store == _store && m.OwnerId == productId).ExecuteDelete();
        }
    }

    private void LoadMetafields(DemoStoreDbContext db)
    {
        foreach (var row in db.Metafields.AsNoTracking().Where(m => m.Store == _store).OrderBy(m => m.Id))
        {
            var metafield = JsonSerializer.Deserialize<ShopifyMetafield>(row.Json, ShopifyJson.Responses)!;
            if (!_metafields.TryGetValue(row.OwnerId, out var list))
            {
                _metafields[row.OwnerId] = list = [];
            }
            list.Add(metafield);
        }
    }
}
