namespace SyncDashboard.Core.Webhooks;

/// <summary>
/// A verified webhook delivery, saved (with its body) before the store gets its 200, so that a crash
/// or restart loses nothing: <see cref="WebhookWorker"/> processes it and sets <see cref="ProcessedAt"/>;
/// one left unprocessed is processed at the next start. <see cref="WebhookId"/> is the key: the
/// store's id of the event (or of the delivery, when the store names no event), so a repeated
/// delivery of one event is recognised and ignored.
/// </summary>
public sealed class ReceivedWebhook
{
    public required string WebhookId { get; set; }
    public int StoreId { get; set; }
    public required string Topic { get; set; }
    public DateTimeOffset ReceivedAt { get; set; }

    /// <summary>The raw body, as signed.</summary>
    public byte[] Body { get; set; } = [];

    /// <summary>When it was processed (or given up after its attempts); null while it waits.</summary>
    public DateTimeOffset? ProcessedAt { get; set; }

    public int Attempts { get; set; }
    public string? LastError { get; set; }
}
