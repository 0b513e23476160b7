using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace SyncDashboard.Core.Shopify;

/// <summary>How the Shopify store clients call the Admin API, GraphQL and REST (configuration section <c>Shopify</c>).</summary>
public sealed class ShopifyClientOptions
{
    public const string SectionName = "Shopify";

    /// <summary>
    /// The Admin API version in every path (<c>/admin/api/{version}/</c>), for GraphQL and REST; the
    /// newest stable one by default (Shopify supports each version for 12 months).
    /// </summary>
    public string ApiVersion { get; set; } = "2026-10";

    /// <summary>Retries after a throttled (429), timed-out or failed (408, 5xx, network) attempt; 0 turns retries off.</summary>
    public int MaxRetryAttempts { get; set; } = 4;

    /// <summary>The first retry delay; later ones grow exponentially, with jitter. A 429 waits its <c>Retry-After</c> instead.</summary>
    public TimeSpan BaseRetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest delay between two attempts (a larger <c>Retry-After</c> is cut to it).</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long one attempt may take once it leaves the pacer (time spent waiting for the store's
    /// bucket to drain is added to it).
    /// </summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Requests kept free in each store's bucket, as a safety margin against 429s (1 or 2 is right).</summary>
    public int BucketMargin { get; set; } = 2;

    public ShopifyCircuitBreakerOptions CircuitBreaker { get; set; } = new();
}

/// <summary>
/// When calls to one store are paused: once <see cref="FailureRatio"/> of at least
/// <see cref="MinimumThroughput"/> attempts within <see cref="SamplingDuration"/> failed (5xx, 408,
/// timeout, network error; never a 429), for <see cref="BreakDuration"/>. Each store has its own.
/// </summary>
public sealed class ShopifyCircuitBreakerOptions
{
    public double FailureRatio { get; set; } = 0.5;
    public int MinimumThroughput { get; set; } = 10;
    public TimeSpan SamplingDuration { get; set; } = TimeSpan.FromSeconds(30);
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(15);
}

/// <summary>Names every problem of the <c>Shopify</c> section by its configuration path.</summary>
public sealed partial class ShopifyClientOptionsValidator : IValidateOptions<ShopifyClientOptions>
{
    private static readonly TimeSpan HalfSecond = TimeSpan.FromMilliseconds(500);

    public ValidateOptionsResult Validate(string? name, ShopifyClientOptions options)
    {
        var errors = new List<string>();
        var s = ShopifyClientOptions.SectionName;
        if (string.IsNullOrWhiteSpace(options.ApiVersion) || !ApiVersionPattern().IsMatch(options.ApiVersion))
        {
            errors.Add($"{s}:ApiVersion '{options.ApiVersion}' is not an Admin API version such as 2026-10 (or 'unstable').");
        }
        if (options.MaxRetryAttempts is < 0 or > 20)
        {
            errors.Add($"{s}:MaxRetryAttempts must be between 0 and 20.");
        }
        if (options.BaseRetryDelay < TimeSpan.Zero || options.BaseRetryDelay > TimeSpan.FromMinutes(5))
        {
            errors.Add($"{s}:BaseRetryDelay must be between 00:00:00 and 00:05:00.");
        }
        if (options.MaxRetryDelay < options.BaseRetryDelay || options.MaxRetryDelay > TimeSpan.FromHours(1))
        {
            errors.Add($"{s}:MaxRetryDelay must be at least BaseRetryDelay and at most 01:00:00.");
        }
        if (options.AttemptTimeout < TimeSpan.FromMilliseconds(10) || options.AttemptTimeout > TimeSpan.FromHours(1))
        {
            errors.Add($"{s}:AttemptTimeout must be between 00:00:00.010 and 01:00:00.");
        }
        if (options.BucketMargin is < 0 or > 10)
        {
            errors.Add($"{s}:BucketMargin must be between 0 and 10.");
        }
        var breaker = options.CircuitBreaker;
        if (breaker is null)
        {
            errors.Add($"{s}:CircuitBreaker is missing.");
        }
        else
        {
            if (!(breaker.FailureRatio > 0 && breaker.FailureRatio <= 1))
            {
                errors.Add($"{s}:CircuitBreaker:FailureRatio must be greater than 0 and at most 1.");
            }
            if (breaker.MinimumThroughput < 2)
            {
                errors.Add($"{s}:CircuitBreaker:MinimumThroughput must be at least 2.");
            }
            if (breaker.SamplingDuration < HalfSecond)
            {
                errors.Add($"{s}:CircuitBreaker:SamplingDuration must be at least 00:00:00.5.");
            }
            if (breaker.BreakDuration < HalfSecond)
            {
                errors.Add($"{s}:CircuitBreaker:BreakDuration must be at least 00:00:00.5.");
            }
        }
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    [GeneratedRegex(@"^(\d{4}-\d{2}|unstable)$")]
    private static partial Regex ApiVersionPattern();
}
