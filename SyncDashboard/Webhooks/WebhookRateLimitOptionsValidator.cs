using Microsoft.Extensions.Options;

namespace SyncDashboard.Webhooks;

/// <summary>Names every problem of the <c>Webhooks:RateLimit</c> section by its configuration path.</summary>
public sealed class WebhookRateLimitOptionsValidator : IValidateOptions<WebhookRateLimitOptions>
{
    private const int Most = 1_000_000;

    public ValidateOptionsResult Validate(string? name, WebhookRateLimitOptions options)
    {
        var errors = new List<string>();
        var s = WebhookRateLimitOptions.SectionName;
        if (options.BurstLimit is < 1 or > Most)
        {
            errors.Add($"{s}:BurstLimit must be between 1 and 1,000,000 (Shopify sends bursts of a few hundred deliveries).");
        }
        if (options.PermitsPerMinute is < 1 or > Most)
        {
            errors.Add($"{s}:PermitsPerMinute must be between 1 and 1,000,000.");
        }
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
