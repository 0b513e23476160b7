using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SyncDashboard.Core.Activity;
using SyncDashboard.Core.Hosting;
using SyncDashboard.Core.Linking;
using SyncDashboard.Core.Persistence;

namespace SyncDashboard.Core.Reconciliation;

/// <summary>
/// Runs the reconciliation in the background: first the links whose check was requested (new links,
/// events, a repair to retry, a difference the periodic pass found), at full rate; then, every
/// <see cref="ReconciliationOptions.Interval"/>, a verify-only pass over the links not verified for
/// <see cref="ReconciliationOptions.VerifyEvery"/> (up to <see cref="ReconciliationOptions.LinksPerPass"/>,
/// least recently verified first) within <see cref="ReconciliationOptions.RateShare"/> of each store's
/// rate limit. A request wakes it at once.
/// </summary>
public sealed class ReconciliationService(
    IDbContextFactory<SyncDbContext> dbFactory,
    Reconciler reconciler,
    ReconciliationBudget budget,
    LinkStore links,
    Connections.StoreConnectionService connections,
    EngineReadiness startup,
    ActivityLog activity,
    IOptions<ReconciliationOptions> options,
    TimeProvider time,
    ILogger<ReconciliationService> logger) : BackgroundService
{
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(30);
    private readonly WakeSignal _wake = new();
    private readonly ConcurrentQueue<int> _settingsChanged = new();

    /// <summary>Periodic passes run so far (for tests and diagnostics).</summary>
    public int Passes { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var started = time.GetUtcNow();
        if (!await startup.WaitBeforeStartingAsync(logger, "the reconciliation", stoppingToken))
        {
            return;
        }
        links.Changed += OnLinksChanged;
        connections.SettingsChanged += OnSettingsChanged;
        try
        {
            await GuardedLoop.RunAsync("The reconciliation", token => LoopAsync(started, token), activity, logger, time, stoppingToken);
        }
        finally
        {
            links.Changed -= OnLinksChanged;
            connections.SettingsChanged -= OnSettingsChanged;
        }
    }

    private void OnLinksChanged(IReadOnlyCollection<long> _) => _wake.Set();

    /// <summary>A Source's settings changed: its links are checked against them at once.</summary>
    private void OnSettingsChanged(int sourceStoreId)
    {
        _settingsChanged.Enqueue(sourceStoreId);
        _wake.Set();
    }

    private async Task LoopAsync(DateTimeOffset started, CancellationToken stoppingToken)
    {
        // Links made before this start (a crash, a kill) whose maker never brought them in step are checked first.
        var handedOver = await links.RequestCheckOfUnverifiedAsync(started, stoppingToken);
        if (handedOver > 0)
        {
            logger.LogInformation("{Count} links made before the start were not yet in step: checking them now", handedOver);
        }
        var nextPass = time.GetUtcNow();
        var retryDelay = TimeSpan.FromSeconds(1);
        while (!stoppingToken.IsCancellationRequested)
        {
            while (_settingsChanged.TryDequeue(out var sourceStoreId))
            {
                await links.RequestCheckOfSourceAsync(sourceStoreId, stoppingToken);
            }
            var requested = await RequestedAsync(stoppingToken);
            if (requested.Count > 0)
            {
                logger.LogDebug("Reconciling {Count} requested links", requested.Count);
                var report = await reconciler.ReconcileAsync(requested, new ReconcileRun(), stoppingToken);
                if (report.FailedCount < requested.Count)
                {
                    retryDelay = TimeSpan.FromSeconds(1);
                    continue;
                }
                // Every requested link failed (a store is down): wait before trying them again.
                await _wake.WaitAsync(retryDelay, time, stoppingToken);
                retryDelay = TimeSpan.FromTicks(Math.Min(retryDelay.Ticks * 2, MaxRetryDelay.Ticks));
                continue;
            }
            var now = time.GetUtcNow();
            if (now >= nextPass)
            {
                nextPass = now + options.Value.Interval;
                var due = await DueAsync(now, stoppingToken);
                if (due.Count > 0)
                {
                    await reconciler.ReconcileAsync(due, new ReconcileRun { BeforeCall = budget.WaitAsync, VerifyOnly = true }, stoppingToken);
                }
                Passes++;
                continue;
            }
            await _wake.WaitAsync(nextPass - now, time, stoppingToken);
        }
    }

    private async Task<List<long>> RequestedAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.ProductLinks.AsNoTracking().Where(l => l.CheckRequestedAt != null)
            .OrderBy(l => l.CheckRequestedAt).Select(l => l.Id).Take(Reconciler.MaxBatchSize).ToListAsync(cancellationToken);
    }

    private async Task<List<long>> DueAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var before = now - options.Value.VerifyEvery;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        // A link never verified counts from its creation (the Bulk Mapper's and Sync's own runs bring new links in step).
        return await db.ProductLinks.AsNoTracking().Where(l => (l.LastVerifiedAt ?? l.CreatedAt) < before)
            .OrderBy(l => l.LastVerifiedAt ?? l.CreatedAt).Select(l => l.Id).Take(options.Value.LinksPerPass).ToListAsync(cancellationToken);
    }
}
