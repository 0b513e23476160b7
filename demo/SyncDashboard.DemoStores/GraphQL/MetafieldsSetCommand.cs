using System.Globalization;
using SyncDashboard.Core.Shopify.Models;
using SyncDashboard.DemoStores.GraphQL.InputObjects;

namespace SyncDashboard.DemoStores.GraphQL;

/// <summary>
/// <c>metafieldsSet</c> (2026-10, shopify.dev mutations/metafieldsSet) over the demo store's product
/// metafields: each entry creates the owner's metafield of that namespace and key or updates it
/// (an upsert), at most <see cref="MaxMetafields"/> per call, atomically (one refused entry saves
/// none). Compare-and-set: an entry with <c>compareDigest</c> is written only if the stored value's
/// digest matches (null: only if none exists yet), else <c>STALE_OBJECT</c>. Owners must be
/// <c>Product</c> GIDs here. Codes from shopify.dev enums/MetafieldsSetUserErrorCode.
/// </summary>
internal static class MetafieldsSetCommand
{
    /// <summary>The most metafields one call may set ("Allows a maximum of 25 metafields to be set at a time").</summary>
    public const int MaxMetafields = 25;

    /// <summary>The namespace of an entry without one: the app's reserved namespace.</summary>
    public const string AppNamespace = "$app";

    public static (IReadOnlyList<ShopifyMetafield>? Metafields, IReadOnlyList<UserError> Errors) Run(DemoStoreCatalogue catalogue, IReadOnlyList<MetafieldsSetInput> inputs)
    {
        if (inputs.Count > MaxMetafields)
        {
            return (null, [new UserError(["metafields"], $"Exceeded the maximum metafields input limit of {MaxMetafields}.", "LESS_THAN_OR_EQUAL_TO")]);
        }
        var errors = new List<UserError>();
        var writes = new List<MetafieldWrite>();
        for (var i = 0; i < inputs.Count; i++)
        {
            var input = inputs[i];
            var owner = Gid.TryParse(input.OwnerId, "Product");
            if (owner is null)
            {
                errors.Add(Error(i, "ownerId", "The demo stores keep metafields on products only: the owner must be a Product ID.", "INVALID"));
                continue;
            }
            writes.Add(new MetafieldWrite(owner.Value, input.Namespace ?? AppNamespace, input.Key, input.Type, input.Value, input.CompareDigestGiven, input.CompareDigest));
        }
        if (errors.Count > 0)
        {
            return (null, errors);
        }
        try
        {
            var (saved, stale) = catalogue.SetMetafields(writes);
            if (stale is { } index)
            {
                return (null, [Error(index, "compareDigest",
                    "The resource has been updated since it was loaded. Try again with an updated `compareDigest` value.", "STALE_OBJECT")]);
            }
            return (saved, []);
        }
        catch (DemoStoreNotFoundException)
        {
            var missing = writes.FindIndex(w => !Exists(catalogue, w.ProductId));
            return (null, [Error(Math.Max(missing, 0), "ownerId", "Owner does not exist.", "INVALID")]);
        }
        catch (DemoStoreValidationException e)
        {
            return (null, e.Errors.SelectMany(error => error.Value.Select(message =>
            {
                var (index, field) = Split(error.Key);
                return Error(index, field, $"{char.ToUpperInvariant(field[0])}{field[1..]} {message}", Code(field, message));
            })).ToList());
        }
    }

    private static UserError Error(int index, string field, string message, string code) =>
        new(["metafields", index.ToString(CultureInfo.InvariantCulture), field], message, code, index);

    private static (int Index, string Field) Split(string key)
    {
        var dot = key.IndexOf('.', StringComparison.Ordinal);
        return (int.Parse(key.AsSpan(0, dot), CultureInfo.InvariantCulture), key[(dot + 1)..]);
    }

    private static string Code(string field, string message) => (field, message) switch
    {
        ("type", _) => "INVALID_TYPE",
        (_, "can't be blank") => "BLANK",
        (_, var m) when m.Contains("too short", StringComparison.Ordinal) => "TOO_SHORT",
        (_, var m) when m.Contains("unique", StringComparison.Ordinal) => "TAKEN",
        _ => "INVALID",
    };

    private static bool Exists(DemoStoreCatalogue catalogue, long productId)
    {
        try
        {
            catalogue.GetProductCopy(productId);
            return true;
        }
        catch (DemoStoreNotFoundException)
        {
            return false;
        }
    }
}
