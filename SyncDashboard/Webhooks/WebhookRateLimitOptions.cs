namespace SyncDashboard.Webhooks;

/// <summary>
/// The webhook receiver's rate limit per sender (configuration section <c>Webhooks:RateLimit</c>), validated
/// when the host starts by <see cref="WebhookRateLimitOptionsValidator"/>; see <see cref="WebhookRateLimitPolicy"/>.
/// <code>
/// "Webhooks": { "RateLimit": { "BurstLimit": 1000, "PermitsPerMinute": 1000 } }
/// </code>
/// </summary>
public sealed class WebhookRateLimitOptions
{
    public const string SectionName = "Webhooks:RateLimit";

    /// <summary>How many deliveries one sender may make at once (the token bucket's size). 1,000 by default.</summary>
    public int BurstLimit { get; set; } = 1_000;

    /// <summary>How many more deliveries a minute one sender may make once its burst is spent (the bucket's refill). 1,000 by default.</summary>
    public int PermitsPerMinute { get; set; } = 1_000;
}
