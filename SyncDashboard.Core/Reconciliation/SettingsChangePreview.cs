using Microsoft.EntityFrameworkCore;
using SyncDashboard.Core.Connections;
using SyncDashboard.Core.Linking;
using SyncDashboard.Core.Persistence;

namespace SyncDashboard.Core.Reconciliation;

/// <summary>
/// What saving new settings for a Source would do to Destination products at once (the reconciliation
/// applies them right after the save), so that the merchant confirms it first: copies deleted or set to
/// draft because their Source product is draft or archived now, and the merchant's own mapped listings
/// whose fields would start following the Source.
/// </summary>
public interface ISettingsChangePreview
{
    /// <summary>The impact of saving <paramref name="proposed"/> for the Source <paramref name="sourceStoreId"/>, against its saved settings.</summary>
    /// <exception cref="KeyNotFoundException">No such connection.</exception>
    Task<SettingsChangeImpact> PreviewAsync(int sourceStoreId, SourceSettings proposed, CancellationToken cancellationToken = default);
}

/// <param name="CopiesDeleted">Titles of the synced copies the new policy deletes now (their Source product is draft or archived).</param>
/// <param name="CopiesSetToDraft">Titles of the Destination products the new policy sets to draft now.</param>
/// <param name="MappedFieldsTurnedOn">Fields that start to flow to mapped listings.</param>
/// <param name="MappedListings">How many mapped listings those fields would overwrite.</param>
public sealed record SettingsChangeImpact(
    IReadOnlyList<string> CopiesDeleted,
    IReadOnlyList<string> CopiesSetToDraft,
    ProductFieldSync MappedFieldsTurnedOn,
    int MappedListings)
{
    public static SettingsChangeImpact None { get; } = new([], [], ProductFieldSync.None, 0);

    /// <summary>Whether the save changes Destination products in a way the merchant should confirm.</summary>
    public bool NeedsConfirmation => Consequences().Count > 0;

    /// <summary>Each consequence in a sentence, for the confirmation.</summary>
    public IReadOnlyList<string> Consequences()
    {
        var lines = new List<string>();
        if (CopiesDeleted.Count > 0)
        {
            lines.Add($"{Count(CopiesDeleted.Count, "synced copy", "synced copies")} will be deleted from the Destination now, because the Source product " +
                $"is draft or archived: {Titles(CopiesDeleted)}. This cannot be undone.");
        }
        if (CopiesSetToDraft.Count > 0)
        {
            lines.Add($"{Count(CopiesSetToDraft.Count, "Destination product", "Destination products")} will be set to draft now, because the Source product " +
                $"is draft or archived: {Titles(CopiesSetToDraft)}.");
        }
        if (MappedFieldsTurnedOn != ProductFieldSync.None && MappedListings > 0)
        {
            var fields = SourceSettings.FieldNames(MappedFieldsTurnedOn);
            var named = fields.Count == 1 ? fields[0] : $"{string.Join(", ", fields.Take(fields.Count - 1))} and {fields[^1]}";
            lines.Add($"The {named} of {Count(MappedListings, "mapped listing", "mapped listings")} (your own listings) " +
                "will be overwritten with the Source's.");
        }
        return lines;
    }

    private static string Count(int count, string one, string many) => count == 1 ? $"1 {one}" : $"{count:N0} {many}";

    private static string Titles(IReadOnlyList<string> titles) =>
        string.Join(", ", titles.Take(5).Select(t => $"\"{t}\"")) + (titles.Count > 5 ? $" and {titles.Count - 5:N0} more" : "");
}

public sealed class SettingsChangePreview(IDbContextFactory<SyncDbContext> dbFactory) : ISettingsChangePreview
{
    public async Task<SettingsChangeImpact> PreviewAsync(int sourceStoreId, SourceSettings proposed, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(proposed);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var saved = await db.StoreConnections.AsNoTracking().FirstOrDefaultAsync(c => c.Id == sourceStoreId, cancellationToken)
            ?? throw new KeyNotFoundException($"No store connection {sourceStoreId}.");
        var next = await db.StoreConnections.AsNoTracking().FirstAsync(c => c.Id == sourceStoreId, cancellationToken);
        next.SyncedFields = proposed.SyncedFields;
        next.MappedFields = proposed.MappedFields;
        next.PriceRule = proposed.PriceRule;
        next.LocationId = proposed.LocationId;
        next.DeletePolicy = proposed.DeletePolicy;

        // Links whose Source product is draft or archived now (as mirrored): the policy applies to them at once.
        var unavailable = await (
                from link in db.ProductLinks.AsNoTracking()
                where link.SourceStoreId == sourceStoreId
                join product in db.Products.AsNoTracking() on new { StoreId = link.SourceStoreId, ExternalId = link.SourceProductId }
                    equals new { product.StoreId, product.ExternalId }
                where product.Status != null && product.Status != "active"
                select new { link.Kind, product.Title })
            .ToListAsync(cancellationToken);
        List<string> Newly(SourceDeletePolicy policy) => [.. unavailable
            .Where(l => LinkSettings.For(next, l.Kind).DeletePolicy == policy && LinkSettings.For(saved, l.Kind).DeletePolicy != policy)
            .Select(l => l.Title).Order(StringComparer.CurrentCulture)];

        var fieldsTurnedOn = LinkSettings.For(next, LinkKind.Mapped).Fields & ~LinkSettings.For(saved, LinkKind.Mapped).Fields;
        var mapped = fieldsTurnedOn == ProductFieldSync.None
            ? 0
            : await db.ProductLinks.CountAsync(l => l.SourceStoreId == sourceStoreId && l.Kind == LinkKind.Mapped, cancellationToken);
        return new SettingsChangeImpact(Newly(SourceDeletePolicy.Delete), Newly(SourceDeletePolicy.SetToDraft), fieldsTurnedOn, mapped);
    }
}
