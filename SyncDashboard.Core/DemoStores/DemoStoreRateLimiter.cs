using System.Globalization;
using System.Threading.RateLimiting;

namespace SyncDashboard.Core.DemoStores;

/// <summary>
/// Shopify's REST limit: a leaky bucket per access token. A bucket of <c>size</c> requests that
/// drains <c>rate</c> per second is a token bucket of <c>size</c> tokens refilled at <c>rate</c>
/// per second, which System.Threading.RateLimiting provides.
/// </summary>
internal sealed class DemoStoreRateLimiter : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter;

    public DemoStoreRateLimiter(int bucketSize, double leakRatePerSecond)
    {
        BucketSize = bucketSize;
        LeakRatePerSecond = leakRatePerSecond;
        // Refill one request at a time, at the drain rate, so the bucket drains smoothly.
        var period = TimeSpan.FromSeconds(1 / leakRatePerSecond);
        _limiter = PartitionedRateLimiter.Create<string, string>(token => RateLimitPartition.GetTokenBucketLimiter(token,
            _ => new TokenBucketRateLimiterOptions
            {
                TokenLimit = bucketSize,
                TokensPerPeriod = 1,
                ReplenishmentPeriod = period,
                QueueLimit = 0,
                AutoReplenishment = true,
            }));
    }

    public int BucketSize { get; }
    public double LeakRatePerSecond { get; }

    /// <summary>Counts one request against the token's bucket; false when the bucket is full.</summary>
    public bool TryAcquire(string token)
    {
        using var lease = _limiter.AttemptAcquire(token);
        return lease.IsAcquired;
    }

    /// <summary>Requests in the token's bucket now (the <c>used</c> of <c>used/size</c>).</summary>
    public int Used(string token)
    {
        var available = _limiter.GetStatistics(token)?.CurrentAvailablePermits ?? BucketSize;
        return (int)Math.Clamp(BucketSize - available, 0, BucketSize);
    }

    /// <summary>The <c>X-Shopify-Shop-Api-Call-Limit</c> value.</summary>
    public string CallLimitHeader(string token) => $"{Used(token)}/{BucketSize}";

    /// <summary>The <c>Retry-After</c> value for a 429: seconds until one request drains, like Shopify's "2.0".</summary>
    public string RetryAfter() =>
        (Math.Ceiling(10 / LeakRatePerSecond) / 10).ToString("0.0", CultureInfo.InvariantCulture);

    public void Dispose() => _limiter.Dispose();
}
