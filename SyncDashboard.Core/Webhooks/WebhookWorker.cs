using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SyncDashboard.Core.Activity;
using SyncDashboard.Core.Catalogue;
using SyncDashboard.Core.Connections;
using SyncDashboard.Core.Persistence;
using SyncDashboard.Core.Shopify;
using SyncDashboard.Core.Shopify.Models;
using SyncDashboard.Core.Syncing;

namespace SyncDashboard.Core.Webhooks;

/// <summary>
/// Processes accepted webhooks in the background: product changes update the mirror (and flow to
/// linked Destination products), deletions apply the delete policy, stock changes go to live
/// inventory. A webhook that cannot be processed is logged; the next sweep repairs what it missed.
/// </summary>
public sealed class WebhookWorker(
    WebhookIntake intake,
    IDbContextFactory<SyncDbContext> dbFactory,
    CatalogueMirror mirror,
    SkuHealth skuHealth,
    SourceChanges sourceChanges,
    LiveInventory inventory,
    ActivityLog activity,
    ILogger<WebhookWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var webhook in intake.Queue.ReadAllAsync(stoppingToken))
        {
            try
            {
                await ProcessAsync(webhook, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Webhook {Topic} {Id} could not be processed", webhook.Topic, webhook.WebhookId);
                await activity.RecordAsync(ActivityKind.Failure, ActivitySeverity.Error,
                    $"A {webhook.Topic} webhook could not be processed ({e.Message}); the next sweep will catch up.", webhook.StoreId,
                    cancellationToken: stoppingToken);
            }
        }
    }

    private async Task ProcessAsync(IncomingWebhook webhook, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var store = await db.StoreConnections.AsNoTracking().FirstOrDefaultAsync(c => c.Id == webhook.StoreId, cancellationToken);
        if (store is null)
        {
            return;
        }
        switch (webhook.Topic)
        {
            case "products/create":
            case "products/update":
                var product = JsonSerializer.Deserialize<ShopifyProduct>(webhook.Body, ShopifyJson.Requests)!;
                var changes = await mirror.UpsertAsync(store.Id, [ShopifyProductMapper.ToStoreProduct(product)], cancellationToken);
                await skuHealth.RecomputeAsync(store.Id, cancellationToken);
                await mirror.ApplyLinkStatesAsync(store.Id, cancellationToken);
                await sourceChanges.OnRefreshedAsync(store, changes, cancellationToken);
                if (store.Role == StoreRole.Source && webhook.Topic == "products/update" && !changes.UpdatedProducts.Contains(product.Id!.Value))
                {
                    await sourceChanges.PushFieldsAsync(store.Id, product.Id.Value, cancellationToken);
                }
                break;
            case "products/delete":
                var id = JsonDocument.Parse(webhook.Body).RootElement.GetProperty("id").GetInt64();
                var title = await db.Products.AsNoTracking().Where(p => p.StoreId == store.Id && p.ExternalId == id).Select(p => p.Title).FirstOrDefaultAsync(cancellationToken);
                await mirror.RemoveAsync(store.Id, id, cancellationToken);
                if (store.Role == StoreRole.Source)
                {
                    await sourceChanges.OnSourceDeletedAsync(store.Id, id, title, cancellationToken);
                }
                await skuHealth.RecomputeAsync(store.Id, cancellationToken);
                break;
            case "inventory_levels/update":
                var level = JsonSerializer.Deserialize<ShopifyInventoryLevel>(webhook.Body, ShopifyJson.Requests)!;
                if (store.LocationId is { } location && level.LocationId != location)
                {
                    return; // stock at another location of the Source is not what the Destination sells
                }
                var available = level.Available ?? 0;
                await mirror.SetQuantityAsync(store.Id, level.InventoryItemId, available, cancellationToken);
                if (store.Role == StoreRole.Source)
                {
                    inventory.Enqueue(store.Id, level.InventoryItemId, available);
                }
                break;
        }
    }
}
