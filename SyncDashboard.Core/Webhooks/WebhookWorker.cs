using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SyncDashboard.Core.Activity;
using SyncDashboard.Core.Catalogue;
using SyncDashboard.Core.Connections;
using SyncDashboard.Core.Hosting;
using SyncDashboard.Core.Persistence;
using SyncDashboard.Core.Stores;
using SyncDashboard.Core.Syncing;

namespace SyncDashboard.Core.Webhooks;

/// <summary>
/// Processes the saved webhook deliveries in the order received, after a restart too, as the store's
/// adapter reads them (<see cref="IStoreWebhooks.Parse"/>, store-neutral events): product changes update the mirror (a delivery older than what is mirrored is ignored) and become hints
/// for the engine (<see cref="ChangeRouter"/>); stock changes too. A delivery that fails is tried
/// again a few times, then left to the reconciliation, and said so in the Activity Log.
/// </summary>
public sealed class WebhookWorker(
    WebhookIntake intake,
    IDbContextFactory<SyncDbContext> dbFactory,
    CatalogueMirror mirror,
    SkuHealth skuHealth,
    ChangeRouter router,
    IStoreWebhooks webhooks,
    EngineReadiness readiness,
    ActivityLog activity,
    TimeProvider time,
    ILogger<WebhookWorker> logger) : BackgroundService
{
    private const int MaxAttempts = 5;
    private static readonly TimeSpan Kept = TimeSpan.FromDays(3);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await readiness.Migrated.WaitAsync(stoppingToken); // its table must exist; deliveries saved meanwhile wait
        }
        catch (OperationCanceledException)
        {
            return;
        }
        await GuardedLoop.RunAsync("The webhook worker", LoopAsync, activity, logger, time, stoppingToken);
    }

    private async Task LoopAsync(CancellationToken stoppingToken)
    {
        var lastCleanup = DateTimeOffset.MinValue;
        while (!stoppingToken.IsCancellationRequested)
        {
            var next = await NextAsync(stoppingToken);
            if (next is null)
            {
                if (time.GetUtcNow() - lastCleanup > TimeSpan.FromHours(1))
                {
                    lastCleanup = time.GetUtcNow();
                    await CleanUpAsync(stoppingToken);
                }
                await intake.Saved.WaitAsync(stoppingToken);
                continue;
            }
            try
            {
                await ProcessAsync(next, stoppingToken);
                await FinishAsync(next.WebhookId, null, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                await FailAsync(next, e, stoppingToken);
            }
        }
    }

    private async Task<ReceivedWebhook?> NextAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.ReceivedWebhooks.AsNoTracking().Where(w => w.ProcessedAt == null).OrderBy(w => w.ReceivedAt).FirstOrDefaultAsync(cancellationToken);
    }

    private async Task ProcessAsync(ReceivedWebhook webhook, CancellationToken cancellationToken)
    {
        StoreConnection? store;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            store = await db.StoreConnections.AsNoTracking().FirstOrDefaultAsync(c => c.Id == webhook.StoreId, cancellationToken);
        }
        if (store is null)
        {
            return;
        }
        switch (webhooks.Parse(webhook.Topic, webhook.Body))
        {
            case StoreEvent.ProductChanged changed:
            {
                // A late or out-of-order delivery older than the mirror brings nothing new.
                var changes = await mirror.UpsertAsync(store.Id, [changed.Product], cancellationToken, skipOlder: true);
                if (changes.NewProducts.Count > 0 || changes.ContentChanged.Count > 0)
                {
                    await skuHealth.RecomputeAsync(store.Id, cancellationToken);
                }
                await router.OnMirrorChangedAsync(store, changes, cancellationToken);
                break;
            }
            case StoreEvent.ProductDeleted deleted:
            {
                var changes = new MirrorChanges();
                if (await mirror.RemoveAsync(store.Id, deleted.ProductId, cancellationToken))
                {
                    await skuHealth.RecomputeAsync(store.Id, cancellationToken);
                }
                changes.RemovedProducts.Add(deleted.ProductId);
                await router.OnMirrorChangedAsync(store, changes, cancellationToken);
                break;
            }
            case StoreEvent.InventoryLevelChanged level:
                await router.OnInventoryLevelAsync(store, level.InventoryItemId, level.LocationId, level.Available, cancellationToken);
                break;
        }
    }

    private async Task FinishAsync(string webhookId, string? error, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync(CancellationToken.None);
        await db.ReceivedWebhooks.Where(w => w.WebhookId == webhookId)
            .ExecuteUpdateAsync(s => s.SetProperty(w => w.ProcessedAt, now).SetProperty(w => w.LastError, error), CancellationToken.None);
    }

    private async Task FailAsync(ReceivedWebhook webhook, Exception error, CancellationToken cancellationToken)
    {
        var attempts = webhook.Attempts + 1;
        logger.LogWarning(error, "Webhook {Topic} {Id} could not be processed (attempt {Attempt})", webhook.Topic, webhook.WebhookId, attempts);
        if (attempts >= MaxAttempts)
        {
            await FinishAsync(webhook.WebhookId, error.Message, cancellationToken);
            await activity.RecordAsync(ActivityKind.Failure, ActivitySeverity.Error,
                $"A {webhook.Topic} webhook could not be processed after {attempts} attempts ({error.Message}); the reconciliation will catch up.", webhook.StoreId,
                cancellationToken: CancellationToken.None);
            return;
        }
        await using (var db = await dbFactory.CreateDbContextAsync(CancellationToken.None))
        {
            // Tried again after the deliveries received since (it goes to the back of the queue).
            var later = time.GetUtcNow();
            await db.ReceivedWebhooks.Where(w => w.WebhookId == webhook.WebhookId).ExecuteUpdateAsync(s => s
                .SetProperty(w => w.Attempts, attempts)
                .SetProperty(w => w.LastError, error.Message)
                .SetProperty(w => w.ReceivedAt, later), CancellationToken.None);
        }
        await Task.Delay(TimeSpan.FromMilliseconds(200 * attempts), time, cancellationToken);
    }

    private async Task CleanUpAsync(CancellationToken cancellationToken)
    {
        var before = time.GetUtcNow() - Kept;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await db.ReceivedWebhooks.Where(w => w.ProcessedAt != null && w.ReceivedAt < before).ExecuteDeleteAsync(cancellationToken);
    }
}
