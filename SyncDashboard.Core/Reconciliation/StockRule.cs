using SyncDashboard.Core.Stores;

namespace SyncDashboard.Core.Reconciliation;

/// <summary>
/// The one stock rule, used by every path that sets Destination stock (live webhooks, the
/// reconciliation, Map, Sync, Resync): a linked Destination variant's available quantity at the
/// Destination's location equals the Source variant's available quantity at the Source connection's
/// chosen location, or summed over all the Source's locations when none is chosen (the default).
/// A negative Source quantity (oversold there) counts as 0. Untracked Source variants have no
/// quantity: their copies are untracked too.
/// </summary>
public static class StockRule
{
    /// <summary>
    /// The quantity under the rule, from what was read: <paramref name="inventoryQuantity"/> (the
    /// variant's sum over all locations, as a product read gives it) serves when no location is
    /// chosen; otherwise the <paramref name="levels"/> of the item are needed. Null when the levels
    /// needed were not read.
    /// </summary>
    /// <param name="chosenLocationId">The Source connection's location (null: all locations).</param>
    /// <param name="inventoryQuantity">The variant's <c>inventory_quantity</c>, when known.</param>
    /// <param name="levels">The item's levels, when read (at the chosen location, or at every location).</param>
    public static int? Available(long? chosenLocationId, int? inventoryQuantity, IEnumerable<StoreInventoryLevel>? levels)
    {
        if (chosenLocationId is { } location)
        {
            return levels is null ? null : Clamp(levels.Where(l => l.LocationId == location).Sum(l => l.Available ?? 0));
        }
        if (levels is not null)
        {
            return Clamp(levels.Sum(l => l.Available ?? 0));
        }
        return inventoryQuantity is { } total ? Clamp(total) : null;
    }

    /// <summary>Whether the rule needs the item's levels (a chosen location), or the product's <c>inventory_quantity</c> serves.</summary>
    public static bool NeedsLevels(long? chosenLocationId) => chosenLocationId is not null;

    private static int Clamp(int quantity) => Math.Max(0, quantity);
}
