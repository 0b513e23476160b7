using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using SyncDashboard.DemoStores.GraphQL.InputObjects;

namespace SyncDashboard.DemoStores.GraphQL;

/// <summary>
/// <c>inventorySetQuantities</c> as 2026-10 documents it (shopify.dev mutations/inventorySetQuantities):
/// every quantity carries <c>changeFromQuantity</c> (compare-and-set; explicit null skips the check)
/// and a stale one fails the whole call with <c>CHANGE_FROM_QUANTITY_STALE</c>; at most 250
/// quantities; the <c>@idempotent(key:)</c> directive is required, and a key used again with the
/// same input answers the first result without setting anything twice (with a different input:
/// <c>IDEMPOTENCY_KEY_PARAMETER_MISMATCH</c>). Nothing is set when any quantity is refused.
/// </summary>
internal sealed class InventorySetQuantitiesCommand(DemoStoreCatalogue catalogue)
{
    public const int MaxQuantities = 250;

    private readonly ConcurrentDictionary<string, (string Input, InventorySetResult Result)> _done = new();
    private readonly Lock _gate = new();

    public InventorySetResult Run(InventorySetQuantitiesInput input, string? idempotencyKey)
    {
        var fingerprint = JsonSerializer.Serialize(input);
        if (idempotencyKey is not null && _done.TryGetValue(idempotencyKey, out var earlier))
        {
            return earlier.Input == fingerprint
                ? earlier.Result
                : new InventorySetResult([], [new UserError(null, "The same idempotency key cannot be used with different operation parameters.", "IDEMPOTENCY_KEY_PARAMETER_MISMATCH")]);
        }
        InventorySetResult result;
        lock (_gate)
        {
            // One call at a time, so that the compare and the set of one call are not split by another.
            result = Apply(input);
        }
        if (idempotencyKey is not null && result.Errors.Count == 0)
        {
            _done[idempotencyKey] = (fingerprint, result);
        }
        return result;
    }

    private InventorySetResult Apply(InventorySetQuantitiesInput input)
    {
        var errors = new List<UserError>();
        if (input.Name is not ("available" or "on_hand"))
        {
            errors.Add(new UserError(["input", "name"], "The quantity name must be either 'available' or 'on_hand'.", "INVALID_NAME"));
        }
        if (input.Quantities.Count > MaxQuantities)
        {
            errors.Add(new UserError(["input", "quantities"], $"The quantities can't exceed {MaxQuantities} items.", "INVALID_QUANTITY_TOO_HIGH"));
        }
        if (errors.Count > 0)
        {
            return new InventorySetResult([], errors);
        }

        var changes = new List<(long Item, long Location, int Quantity, int? ChangeFrom, bool Check)>();
        for (var i = 0; i < input.Quantities.Count; i++)
        {
            var quantity = input.Quantities[i];
            var path = new[] { "input", "quantities", i.ToString(CultureInfo.InvariantCulture) };
            var item = Gid.TryParse(quantity.InventoryItemId, "InventoryItem");
            var location = Gid.TryParse(quantity.LocationId, "Location");
            if (item is null || catalogue.FindInventoryItem(item.Value) is null)
            {
                errors.Add(new UserError([.. path, "inventoryItemId"], "The specified inventory item could not be found.", "INVALID_INVENTORY_ITEM"));
                continue;
            }
            if (location is null || !catalogue.ListLocations().Any(l => l.Id == location))
            {
                errors.Add(new UserError([.. path, "locationId"], "The specified location could not be found.", "INVALID_LOCATION"));
                continue;
            }
            if (!quantity.ChangeFromQuantityGiven)
            {
                // 2026-04+: "Omitting changeFromQuantity returns an error" (the mutation's page); no code of the 2026-10
                // InventorySetQuantitiesUserErrorCode enum names it, so none is given rather than one made up.
                errors.Add(new UserError([.. path, "changeFromQuantity"],
                    "The changeFromQuantity argument must be given to each quantity, or set to null to skip the check.", null));
                continue;
            }
            changes.Add((item.Value, location.Value, quantity.Quantity, quantity.ChangeFromQuantity, quantity.ChangeFromQuantity is not null));
        }
        if (errors.Count > 0)
        {
            return new InventorySetResult([], errors);
        }

        // Compare first, then set: a stale quantity refuses the whole call.
        for (var i = 0; i < changes.Count; i++)
        {
            var change = changes[i];
            var current = catalogue.ListInventoryLevels(new HashSet<long> { change.Item }, new HashSet<long> { change.Location })
                .FirstOrDefault()?.Available ?? 0;
            if (change.Check && current != change.ChangeFrom)
            {
                errors.Add(new UserError(["input", "quantities", i.ToString(CultureInfo.InvariantCulture), "changeFromQuantity"],
                    "The specified compare quantity does not match the current quantity.", "CHANGE_FROM_QUANTITY_STALE"));
            }
        }
        if (errors.Count > 0)
        {
            return new InventorySetResult([], errors);
        }
        var applied = new List<InventoryChange>();
        foreach (var change in changes)
        {
            var before = catalogue.ListInventoryLevels(new HashSet<long> { change.Item }, new HashSet<long> { change.Location }).FirstOrDefault()?.Available ?? 0;
            catalogue.SetInventoryLevel(change.Item, change.Location, change.Quantity);
            applied.Add(new InventoryChange(input.Name, change.Quantity - before, change.Quantity, change.Item, change.Location));
        }
        return new InventorySetResult(applied, []);
    }
}

/// <summary>The changes made (empty when refused) and the user errors.</summary>
internal sealed record InventorySetResult(IReadOnlyList<InventoryChange> Changes, IReadOnlyList<UserError> Errors);

/// <summary>One change of an <c>InventoryAdjustmentGroup</c>: the quantity name, delta and result at an item and location.</summary>
internal sealed record InventoryChange(string Name, int Delta, int QuantityAfterChange, long ItemId, long LocationId);
