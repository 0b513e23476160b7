using System.Collections.Concurrent;
using System.Globalization;
using System.Threading.RateLimiting;

namespace SyncDashboard.DemoStores;

/// <summary>
/// Shopify's REST limit: a leaky bucket per access token. A bucket of <c>size</c> requests that
/// drains <c>rate</c> per second is a token bucket of <c>size</c> tokens refilled at <c>rate</c>
/// per second, which System.Threading.RateLimiting provides. The buckets are replenished from the
/// time elapsed at each request (not by a timer), so they drain as smoothly as Shopify's do: a
/// client that paces itself at exactly the drain rate is never refused, however busy the machine.
/// </summary>
internal sealed class DemoStoreRateLimiter : IDisposable
{
    private readonly ConcurrentDictionary<string, TokenBucketRateLimiter> _buckets = new();
    private readonly TokenBucketRateLimiterOptions _options;

    public DemoStoreRateLimiter(int bucketSize, double leakRatePerSecond)
    {
        BucketSize = bucketSize;
        LeakRatePerSecond = leakRatePerSecond;
        // One token per period at the drain rate; without auto-replenishment the limiter adds
        // tokens in proportion to the time since it last replenished, fractions included.
        _options = new TokenBucketRateLimiterOptions
        {
            TokenLimit = bucketSize,
            TokensPerPeriod = 1,
            ReplenishmentPeriod = TimeSpan.FromSeconds(1 / leakRatePerSecond),
            QueueLimit = 0,
            AutoReplenishment = false,
        };
    }

    public int BucketSize { get; }
    public double LeakRatePerSecond { get; }

    /// <summary>Counts one request against the token's bucket; false when the bucket is full.</summary>
    public bool TryAcquire(string token)
    {
        using var lease = Bucket(token).AttemptAcquire();
        return lease.IsAcquired;
    }

    /// <summary>Requests in the token's bucket now (the <c>used</c> of <c>used/size</c>).</summary>
    public int Used(string token)
    {
        if (!_buckets.TryGetValue(token, out var bucket))
        {
            return 0;
        }
        bucket.TryReplenish();
        var available = bucket.GetStatistics()?.CurrentAvailablePermits ?? BucketSize;
        return (int)Math.Clamp(BucketSize - available, 0, BucketSize);
    }

    /// <summary>The <c>X-Shopify-Shop-Api-Call-Limit</c> value.</summary>
    public string CallLimitHeader(string token) => $"{Used(token)}/{BucketSize}";

    /// <summary>The <c>Retry-After</c> value for a 429: seconds until one request drains, like Shopify's "2.0".</summary>
    public string RetryAfter() =>
        (Math.Ceiling(10 / LeakRatePerSecond) / 10).ToString("0.0", CultureInfo.InvariantCulture);

    public void Dispose()
    {
        foreach (var bucket in _buckets.Values)
        {
            bucket.Dispose();
        }
    }

    /// <summary>The token's bucket, topped up for the time elapsed since it was last used.</summary>
    private TokenBucketRateLimiter Bucket(string token)
    {
        var bucket = _buckets.GetOrAdd(token, _ => new TokenBucketRateLimiter(_options));
        bucket.TryReplenish();
        return bucket;
    }
}
