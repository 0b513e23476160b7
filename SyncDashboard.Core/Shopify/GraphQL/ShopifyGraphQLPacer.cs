namespace SyncDashboard.Core.Shopify.GraphQL;

/// <summary>
/// Paces one store's GraphQL calls by cost, so that under normal load the store never answers
/// THROTTLED: a call waits until the bucket (as the last <c>throttleStatus</c> said, restored at
/// <c>restoreRate</c> points per second since) holds its requested cost plus a small margin, less
/// what calls in flight have reserved. Each answer's <c>throttleStatus</c> corrects the estimate.
/// Until the first answer it assumes Shopify's Standard plan (2,000 points, 100 per second).
/// Rule from shopify.dev "GraphQL Admin API rate limits".
/// </summary>
public sealed class ShopifyGraphQLPacer(TimeProvider time)
{
    /// <summary>Points kept free, for the store's clock and ours drifting apart.</summary>
    public const int Margin = 10;

    private readonly Lock _gate = new();
    private readonly SemaphoreSlim _turn = new(1, 1);
    private double _maximum = 2_000;
    private double _restoreRate = 100;
    private double _available = 2_000;
    private long _at = time.GetTimestamp();
    private double _reserved;
    private long _throttled;

    /// <summary>The bucket's size as the store last said.</summary>
    public double MaximumAvailable
    {
        get { lock (_gate) { return _maximum; } }
    }

    /// <summary>Points restored per second as the store last said.</summary>
    public double RestoreRate
    {
        get { lock (_gate) { return _restoreRate; } }
    }

    /// <summary>THROTTLED answers seen (another client of the same app draining the bucket, or a bad estimate).</summary>
    public long Throttled => Interlocked.Read(ref _throttled);

    /// <summary>Waits until <paramref name="cost"/> points are free, then reserves them until <see cref="OnAnswer"/>.</summary>
    public async ValueTask WaitAsync(int cost, CancellationToken cancellationToken = default)
    {
        // One caller at a time looks and waits, so calls go in the order they came.
        await _turn.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            while (true)
            {
                TimeSpan wait;
                lock (_gate)
                {
                    var needed = Math.Min(cost + Margin, _maximum);
                    var free = Estimate() - _reserved;
                    if (free >= needed)
                    {
                        _reserved += cost;
                        return;
                    }
                    wait = TimeSpan.FromSeconds((needed - free) / _restoreRate);
                }
                await Task.Delay(wait < TimeSpan.FromMilliseconds(5) ? TimeSpan.FromMilliseconds(5) : wait, time, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            _turn.Release();
        }
    }

    /// <summary>How long a call of <paramref name="cost"/> would wait now (added to its attempt timeout).</summary>
    public TimeSpan EstimateWait(int cost)
    {
        lock (_gate)
        {
            var missing = Math.Min(cost + Margin, _maximum) - (Estimate() - _reserved);
            return missing <= 0 ? TimeSpan.Zero : TimeSpan.FromSeconds(missing / _restoreRate);
        }
    }

    /// <summary>Releases a reservation and takes the store's word for the bucket (when the answer carried it).</summary>
    public void OnAnswer(int reserved, ShopifyThrottleStatus? status, bool throttled = false)
    {
        if (throttled)
        {
            Interlocked.Increment(ref _throttled);
        }
        lock (_gate)
        {
            _reserved = Math.Max(0, _reserved - reserved);
            if (status is { MaximumAvailable: > 0, RestoreRate: > 0 })
            {
                _maximum = status.MaximumAvailable;
                _restoreRate = status.RestoreRate;
                _available = Math.Min(status.CurrentlyAvailable, _maximum);
                _at = time.GetTimestamp();
            }
        }
    }

    /// <summary>How long until <paramref name="cost"/> points are back, after a THROTTLED answer said what the bucket holds.</summary>
    public static TimeSpan RestoreTime(int cost, ShopifyThrottleStatus? status) =>
        status is { RestoreRate: > 0 } s
            ? TimeSpan.FromSeconds(Math.Max(0, Math.Min(cost, s.MaximumAvailable) - s.CurrentlyAvailable) / s.RestoreRate)
            : TimeSpan.FromSeconds(1);

    private double Estimate()
    {
        var now = time.GetTimestamp();
        _available = Math.Min(_maximum, _available + time.GetElapsedTime(_at, now).TotalSeconds * _restoreRate);
        _at = now;
        return _available;
    }
}
