using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SyncDashboard.Core.Shopify;
using SyncDashboard.Core.Shopify.Models;
using SyncDashboard.DemoStores.Persistence;

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

    /// <summary>
    /// The opaque <c>compareDigest</c> of a metafield's stored value (GraphQL <c>Metafield.compareDigest</c>):
    /// lower-case hex SHA-256 of its type and value, so any change of either changes it.
    /// </summary>
    public static string MetafieldDigest(ShopifyMetafield metafield) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{metafield.Type}\n{metafield.Value}")));

    /// <summary>
    /// Creates or updates metafields of products in one change, all or nothing (GraphQL
    /// <c>metafieldsSet</c>): an existing namespace and key on the owner gets the new value and type,
    /// a new one is created with <see cref="CreateMetafield"/>'s rules. Compare-and-set, checked under
    /// the same lock: an entry whose <see cref="MetafieldWrite.CheckDigest"/> is set is written only if
    /// the stored metafield's digest equals <see cref="MetafieldWrite.CompareDigest"/> (null: only if
    /// there is none yet); otherwise nothing is written and the entry's index is returned as stale.
    /// <see cref="DemoStoreNotFoundException"/> for an unknown owner, <see cref="DemoStoreValidationException"/>
    /// for a rule broken (keys prefixed with the entry's index, <c>"2.value"</c>).
    /// </summary>
    public (IReadOnlyList<ShopifyMetafield> Saved, int? StaleIndex) SetMetafields(IReadOnlyList<MetafieldWrite> writes)
    {
        lock (_gate)
        {
            var errors = new Dictionary<string, string[]>();
            var plan = new List<(MetafieldWrite Write, ShopifyMetafield? Existing)>(writes.Count);
            for (var i = 0; i < writes.Count; i++)
            {
                var write = writes[i];
                FindProduct(write.ProductId);
                var existing = (_metafields.GetValueOrDefault(write.ProductId) ?? [])
                    .FirstOrDefault(m => m.Namespace == write.Namespace && m.Key == write.Key);
                write = write with { Type = write.Type ?? existing?.Type }; // an existing metafield keeps its type unless one is given
                if (write.CheckDigest && (existing is null ? write.CompareDigest is not null : write.CompareDigest != MetafieldDigest(existing)))
                {
                    return ([], i);
                }
                if (string.IsNullOrEmpty(write.Value))
                {
                    errors[$"{i}.value"] = ["can't be blank"];
                }
                if (string.IsNullOrEmpty(write.Type) || !MetafieldTypes.Contains(write.Type))
                {
                    errors[$"{i}.type"] = ["is invalid"];
                }
                plan.Add((write, existing));
            }
            if (errors.Count > 0)
            {
                throw new DemoStoreValidationException(errors);
            }

            var saved = new List<ShopifyMetafield>(writes.Count);
            var created = new Dictionary<long, List<ShopifyMetafield>>();
            var updated = new List<ShopifyMetafield>();
            var now = Now();
            for (var i = 0; i < plan.Count; i++)
            {
                var (write, existing) = plan[i];
                if (existing is null)
                {
                    // A namespace and key given twice in one call: the later entry wins, as in one upsert.
                    var pending = created.GetValueOrDefault(write.ProductId)?.FirstOrDefault(m => m.Namespace == write.Namespace && m.Key == write.Key);
                    if (pending is not null)
                    {
                        pending.Value = write.Value;
                        pending.Type = write.Type;
                        saved.Add(pending);
                        continue;
                    }
                    try
                    {
                        var fresh = NewMetafields(write.ProductId, [new ShopifyMetafield { Namespace = write.Namespace, Key = write.Key, Type = write.Type, Value = write.Value }]).Single();
                        if (!created.TryGetValue(write.ProductId, out var list))
                        {
                            created[write.ProductId] = list = [];
                        }
                        list.Add(fresh);
                        saved.Add(fresh);
                    }
                    catch (DemoStoreValidationException e)
                    {
                        foreach (var (key, messages) in e.Errors)
                        {
                            errors[$"{i}.{key}"] = messages;
                        }
                    }
                }
                else
                {
                    updated.Add(existing);
                    saved.Add(existing);
                }
            }
            if (errors.Count > 0)
            {
                throw new DemoStoreValidationException(errors);
            }

            using var db = new DemoStoreDbContext(_db);
            for (var i = 0; i < plan.Count; i++)
            {
                var (write, existing) = plan[i];
                if (existing is not null)
                {
                    existing.Value = write.Value;
                    existing.Type = write.Type;
                    existing.UpdatedAt = now;
                }
            }
            foreach (var metafield in updated.Distinct())
            {
                db.Metafields.Find(_store, metafield.Id!.Value)!.Json = Serialize(metafield);
            }
            foreach (var (productId, list) in created)
            {
                SaveMetafields(db, productId, list);
            }
            SaveStoreState(db);
            db.SaveChanges();
            return (saved, null);
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

/// <summary>
/// One entry of <see cref="DemoStoreCatalogue.SetMetafields"/>: the owner product, namespace, key,
/// type and value; <see cref="CheckDigest"/> when the caller sent a <c>compareDigest</c> (which may
/// be null: "only if it does not exist yet").
/// </summary>
internal sealed record MetafieldWrite(long ProductId, string? Namespace, string? Key, string? Type, string? Value, bool CheckDigest, string? CompareDigest);
