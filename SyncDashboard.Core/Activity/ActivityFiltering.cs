using Microsoft.EntityFrameworkCore;
using SyncDashboard.Core.Persistence;

namespace SyncDashboard.Core.Activity;

/// <summary>
/// The Activity Log's filter and order as database queries, shared by its pages (<see cref="ActivityLog.QueryAsync"/>)
/// and its CSV export, so both list the same entries in the same order.
/// </summary>
public static class ActivityFiltering
{
    /// <summary>
    /// The entries of <paramref name="db"/>'s log that <paramref name="query"/> keeps (its paging is ignored): kind, severity,
    /// store, part of a SKU (any case, the entry's own or any variant's of its product), user (any case; <see cref="ActivityQuery.SystemUser"/>
    /// for the dashboard's own work), from and to (both inclusive), unread only. Not tracked.
    /// </summary>
    public static IQueryable<ActivityEntry> MatchingActivity(this SyncDbContext db, ActivityQuery query)
    {
        var entries = db.Activity.AsNoTracking().AsQueryable();
        if (query.Kind is { } kind) { entries = entries.Where(e => e.Kind == kind); }
        if (query.Severity is { } severity) { entries = entries.Where(e => e.Severity == severity); }
        if (query.StoreId is { } storeId) { entries = entries.Where(e => e.StoreId == storeId); }
        if (!string.IsNullOrWhiteSpace(query.Sku))
        {
            // Part of a SKU, any case (SQLite's LIKE folds ASCII letters), of the entry's own SKU or of any variant of its product.
            var pattern = "%" + query.Sku.Trim().Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_") + "%";
            entries = entries.Where(e => (e.Sku != null && EF.Functions.Like(e.Sku, pattern, "\\"))
                || (e.ProductId != null && db.Products.Any(p => p.StoreId == e.StoreId && p.ExternalId == e.ProductId
                    && p.Variants.Any(v => v.Sku != null && EF.Functions.Like(v.Sku, pattern, "\\")))));
        }
        if (query.From is { } from) { entries = entries.Where(e => e.At >= from); }
        if (query.To is { } to) { entries = entries.Where(e => e.At <= to); }
        if (query.UnreadOnly) { entries = entries.Where(e => !e.Read); }
        if (string.Equals(query.User?.Trim(), ActivityQuery.SystemUser, StringComparison.OrdinalIgnoreCase)) { entries = entries.Where(e => e.User == null); }
        else if (!string.IsNullOrWhiteSpace(query.User))
        {
            var user = query.User.Trim().ToLower(); // user names are told apart without regard to case, as Identity does
            entries = entries.Where(e => e.User != null && e.User.ToLower() == user);
        }
        return entries;
    }

    /// <summary>The log's order: newest first, the later-written first within the same instant.</summary>
    public static IOrderedQueryable<ActivityEntry> NewestFirst(this IQueryable<ActivityEntry> entries) =>
        entries.OrderByDescending(e => e.At).ThenByDescending(e => e.Id);
}
