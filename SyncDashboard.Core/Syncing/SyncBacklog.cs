using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using SyncDashboard.Core.Persistence;

namespace SyncDashboard.Core.Syncing;

/// <summary>
/// The backlog between the Sources and the Destination: the persisted pending stock updates and the links
/// awaiting a check, with the pace live inventory clears stock updates at (reported through
/// <see cref="Cleared"/>, counted over the last minute), so that a merchant sees a Destination catching up
/// (its rate limit is the usual bottleneck: 2 calls a second on a REST Standard plan) and for how long.
/// </summary>
public sealed class SyncBacklog(IDbContextFactory<SyncDbContext> dbFactory, TimeProvider time) : ISyncBacklog
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);
    private readonly ConcurrentQueue<(DateTimeOffset At, int Count)> _cleared = new();

    /// <summary>Notes that <paramref name="count"/> pending stock updates were done (set at the Destination, or found equal).</summary>
    public void Cleared(int count)
    {
        if (count <= 0)
        {
            return;
        }
        var now = time.GetUtcNow();
        _cleared.Enqueue((now, count));
        Trim(now);
    }

    public async Task<SyncBacklogSnapshot> GetAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var pending = await db.PendingInventoryUpdates.AsNoTracking().CountAsync(cancellationToken);
        var oldestUpdate = pending == 0 ? null
            : await db.PendingInventoryUpdates.AsNoTracking().OrderBy(p => p.RequestedAt).Select(p => (DateTimeOffset?)p.RequestedAt).FirstOrDefaultAsync(cancellationToken);
        var lastError = pending == 0 ? null
            : await db.PendingInventoryUpdates.AsNoTracking().Where(p => p.LastError != null).OrderByDescending(p => p.Attempts)
                .Select(p => p.LastError).FirstOrDefaultAsync(cancellationToken);
        var checks = await db.ProductLinks.AsNoTracking().CountAsync(l => l.CheckRequestedAt != null, cancellationToken);
        var oldestCheck = checks == 0 ? null
            : await db.ProductLinks.AsNoTracking().Where(l => l.CheckRequestedAt != null).OrderBy(l => l.CheckRequestedAt)
                .Select(l => l.CheckRequestedAt).FirstOrDefaultAsync(cancellationToken);
        var now = time.GetUtcNow();
        Trim(now);
        var done = _cleared.Sum(c => c.Count);
        double? perMinute = _cleared.IsEmpty ? null : done / Window.TotalMinutes;
        TimeSpan? catchUp = pending == 0 ? TimeSpan.Zero : perMinute is > 0 ? TimeSpan.FromMinutes(pending / perMinute.Value) : null;
        DateTimeOffset? oldest = (oldestUpdate, oldestCheck) switch
        {
            ({ } a, { } b) => a < b ? a : b,
            ({ } a, null) => a,
            (null, var b) => b,
        };
        return new SyncBacklogSnapshot(pending, checks, oldest, perMinute, catchUp, lastError);
    }

    private void Trim(DateTimeOffset now)
    {
        while (_cleared.TryPeek(out var oldest) && now - oldest.At > Window)
        {
            _cleared.TryDequeue(out _);
        }
    }
}
