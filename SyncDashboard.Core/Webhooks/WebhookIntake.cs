using Microsoft.EntityFrameworkCore;
using SyncDashboard.Core.Activity;
using SyncDashboard.Core.Connections;
using SyncDashboard.Core.Hosting;
using SyncDashboard.Core.Persistence;
using SyncDashboard.Core.Stores;

namespace SyncDashboard.Core.Webhooks;

public enum WebhookAcceptance
{
    Accepted,
    Duplicate,
    Rejected,
}

/// <summary>
/// The front door of the webhook receiver: finds the store by the shop domain the delivery names,
/// checks its signature against the store's secret (<see cref="IStoreWebhooks.Verify"/>), ignores a webhook id
/// already accepted, and saves the rest (body included) as a <see cref="ReceivedWebhook"/> before
/// answering, so that nothing the store delivered is lost in a crash; <see cref="WebhookWorker"/>
/// processes them in the order received.
/// </summary>
public sealed class WebhookIntake(IDbContextFactory<SyncDbContext> dbFactory, StoreConnectionService connections, IStoreWebhooks webhooks,
    ActivityLog activity, TimeProvider time)
{
    /// <summary>A wake-up call for the worker: saved deliveries wait (the database is the queue).</summary>
    public WakeSignal Saved { get; } = new();

    public async Task<WebhookAcceptance> AcceptAsync(string? shopDomain, string? topic, string? webhookId, string? signature, byte[] body,
        CancellationToken cancellationToken = default)
    {
        var connection = string.IsNullOrWhiteSpace(shopDomain) ? null : await connections.FindByShopDomainAsync(shopDomain, cancellationToken);
        if (connection is null || string.IsNullOrEmpty(topic) || string.IsNullOrEmpty(webhookId) || !webhooks.Verify(connections.WebhookSecretFor(connection), body, signature))
        {
            await activity.RecordAsync(ActivityKind.WebhookRejected, ActivitySeverity.Warning,
                connection is null
                    ? $"Rejected a webhook ({topic}) from an unknown store '{shopDomain}'."
                    : $"Rejected a webhook ({topic}) from {connection.Name}: its signature does not match the store's webhook secret.",
                connection?.Id, connection?.Name, cancellationToken: cancellationToken);
            return WebhookAcceptance.Rejected;
        }
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (await db.ReceivedWebhooks.AnyAsync(w => w.WebhookId == webhookId, cancellationToken))
        {
            return WebhookAcceptance.Duplicate;
        }
        db.ReceivedWebhooks.Add(new ReceivedWebhook { WebhookId = webhookId, StoreId = connection.Id, Topic = topic, ReceivedAt = time.GetUtcNow(), Body = body });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            return WebhookAcceptance.Duplicate; // the same id arrived twice at once
        }
        Saved.Set();
        return WebhookAcceptance.Accepted;
    }

}
