using System.Net;
using Microsoft.EntityFrameworkCore;
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
/// processes them in the order received. A refused delivery is told in the Activity Log through
/// <see cref="WebhookRejections"/> (one entry per sender and minute, however many come).
/// </summary>
public sealed class WebhookIntake(IDbContextFactory<SyncDbContext> dbFactory, StoreConnectionService connections, IStoreWebhooks webhooks,
    WebhookRejections rejections, TimeProvider time)
{
    /// <summary>A wake-up call for the worker: saved deliveries wait (the database is the queue).</summary>
    public WakeSignal Saved { get; } = new();

    /// <param name="client">The address the delivery came from, for the Activity Log when it is refused (null when unknown).</param>
    /// <returns>Rejected when the delivery names no connected store, lacks its topic or id, or its signature does not match.</returns>
    public async Task<WebhookAcceptance> AcceptAsync(string? shopDomain, string? topic, string? webhookId, string? signature, byte[] body, IPAddress? client,
        CancellationToken cancellationToken = default)
    {
        var connection = string.IsNullOrWhiteSpace(shopDomain) ? null : await connections.FindByShopDomainAsync(shopDomain, cancellationToken);
        if (connection is null || string.IsNullOrEmpty(topic) || string.IsNullOrEmpty(webhookId) || !webhooks.Verify(connections.WebhookSecretFor(connection), body, signature))
        {
            await rejections.RejectedAsync(client, shopDomain, topic, connection?.Id, connection?.Name);
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
