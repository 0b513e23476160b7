using Microsoft.EntityFrameworkCore;
using SyncDashboard.Core.Persistence;

namespace SyncDashboard.Core.Activity;

/// <summary>A filter of the Activity Log; every part optional.</summary>
public sealed record ActivityQuery
{
    public ActivityKind? Kind { get; init; }
    public ActivitySeverity? Severity { get; init; }
    public int? StoreId { get; init; }
    /// <summary>Part of a SKU (any case): entries whose SKU, or any variant of whose product, contains it.</summary>
    public string? Sku { get; init; }
    public DateTimeOffset? From { get; init; }
    public DateTimeOffset? To { get; init; }
    public bool UnreadOnly { get; init; }

    /// <summary>Who did it: a user name, or <see cref="SystemUser"/> for what the dashboard did by itself.</summary>
    public string? User { get; init; }

    public int Page { get; init; }

    /// <summary>How the Activity Log names the dashboard's own work (webhooks, sweeps, the reconciliation) in its User column and filter.</summary>
    public const string SystemUser = "System";
    public int PageSize { get; init; } = 50;
}

public sealed record ActivityPage(IReadOnlyList<ActivityEntry> Entries, int TotalCount);

/// <summary>
/// Records what happened (syncs, maps, inventory updates, rejected webhooks, failures) for
/// troubleshooting, and tells live subscribers (the bell) when something is added or read.
/// Never given a token or a secret.
/// </summary>
public sealed class ActivityLog(IDbContextFactory<SyncDbContext> dbFactory, TimeProvider time, Users.DashboardActors actors) : IActivityLog
{
    /// <summary>Raised after entries were added or marked read.</summary>
    public event Action? Changed;

    public async Task<ActivityEntry> RecordAsync(ActivityKind kind, ActivitySeverity severity, string message,
        int? storeId = null, string? storeName = null, long? productId = null, string? productTitle = null, string? sku = null,
        CancellationToken cancellationToken = default, string? user = null)
    {
        var entry = new ActivityEntry
        {
            User = user ?? actors.Current?.UserName,
            At = time.GetUtcNow(),
            Kind = kind,
            Severity = severity,
            Message = Clip(message),
            StoreId = storeId,
            StoreName = storeName,
            ProductId = productId,
            ProductTitle = productTitle,
            Sku = sku,
            Read = !ActivityEntry.StartsUnread(severity),
        };
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            // An entry about a store always names it (the Store column and filter), whichever caller wrote it.
            entry.StoreName ??= storeId is { } id
                ? await db.StoreConnections.AsNoTracking().Where(c => c.Id == id).Select(c => c.Name).FirstOrDefaultAsync(cancellationToken)
                : null;
            db.Activity.Add(entry);
            await db.SaveChangesAsync(cancellationToken);
        }
        Changed?.Invoke();
        return entry;
    }

    /// <summary>
    /// Rewrites the message of entry <paramref name="id"/> (an entry that sums up what keeps happening, such as
    /// rejected webhook deliveries) and marks it unread again, so the bell counts it once however often it is
    /// rewritten. Nothing happens when there is no such entry.
    /// </summary>
    public async Task ReviseAsync(long id, string message, CancellationToken cancellationToken = default)
    {
        message = Clip(message);
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            await db.Activity.Where(e => e.Id == id)
                .ExecuteUpdateAsync(s => s.SetProperty(e => e.Message, message).SetProperty(e => e.Read, false), cancellationToken);
        }
        Changed?.Invoke();
    }

    public async Task<ActivityPage> QueryAsync(ActivityQuery query, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var entries = db.MatchingActivity(query);
        var total = await entries.CountAsync(cancellationToken);
        var pageSize = Math.Clamp(query.PageSize, 1, 500);
        var page = await entries.NewestFirst()
            .Skip(Math.Max(0, query.Page) * pageSize).Take(pageSize)
            .ToListAsync(cancellationToken);
        return new ActivityPage(page, total);
    }

    public async Task<int> UnreadCountAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Activity.CountAsync(e => !e.Read, cancellationToken);
    }

    /// <summary>A message as it is kept: its first 2,000 characters.</summary>
    private static string Clip(string message) => message.Length > 2000 ? message[..2000] : message;

    /// <summary>Marks the given entries read, or every entry when <paramref name="ids"/> is null.</summary>
    public async Task MarkReadAsync(IReadOnlyCollection<long>? ids = null, CancellationToken cancellationToken = default)
    {
        actors.DemandOperator("mark the team's Activity Log read"); // the read state is shared: a Viewer only looks
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            var unread = db.Activity.Where(e => !e.Read);
            if (ids is not null)
            {
                unread = unread.Where(e => ids.Contains(e.Id));
            }
            await unread.ExecuteUpdateAsync(s => s.SetProperty(e => e.Read, true), cancellationToken);
        }
        Changed?.Invoke();
    }
}
