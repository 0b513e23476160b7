namespace SyncDashboard.Core.Webhooks;

/// <summary>A webhook delivery already accepted, by its <c>X-Shopify-Webhook-Id</c>: a repeat is ignored.</summary>
public sealed class ProcessedWebhook
{
    public required string WebhookId { get; set; }
    public int StoreId { get; set; }
    public required string Topic { get; set; }
    public DateTimeOffset ReceivedAt { get; set; }
}
