using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace SyncDashboard.Core.Shopify;

/// <summary>
/// A local model of one store's leaky bucket, so that requests are spaced to never overflow it
/// (no 429) while running close to the rate the store allows.
/// <para>
/// Shopify REST counts each request into a per-store bucket (standard: 40) that drains at a fixed
/// rate (standard: 2 per second; higher plans more). The model drains its estimated level by
/// <c>rate × elapsed</c>; a request waits until one more fits under <c>size − margin</c>, then is
/// counted. Each response's <c>X-Shopify-Shop-Api-Call-Limit: used/size</c> resynchronises it (the
/// size from the header, the level to whichever of model and header is higher, since other clients
/// may share the bucket); a 429 fills it. Waiters go one at a time, in arrival order.
/// </para>
/// Thread-safe. Time comes from <see cref="TimeProvider"/>, so tests can drive it.
/// </summary>
public sealed class ShopifyRequestPacer
{
    private readonly Lock _gate = new();
    private readonly SemaphoreSlim _turn = new(1, 1);
    private readonly TimeProvider _time;
    private readonly int _margin;
    private double _rate;
    private int _size;
    private bool _sizeFromStore;
    private double _level;
    private long _drainedAt;
    private int _waiting;

    /// <param name="requestsPerSecond">The drain rate (the store's plan).</param>
    /// <param name="bucketSize">The size assumed until a response tells the store's own.</param>
    /// <param name="margin">Requests kept free in the bucket (1 or 2).</param>
    /// <param name="time">The clock.</param>
    public ShopifyRequestPacer(double requestsPerSecond, int bucketSize, int margin, TimeProvider time)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(requestsPerSecond);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(bucketSize);
        ArgumentOutOfRangeException.ThrowIfNegative(margin);
        _rate = requestsPerSecond;
        _size = bucketSize;
        _margin = margin;
        _time = time;
        _drainedAt = time.GetTimestamp();
    }

    /// <summary>The drain rate, in requests per second.</summary>
    public double RequestsPerSecond
    {
        get { lock (_gate) { return _rate; } }
    }

    /// <summary>The bucket size: the store's own once a response told it.</summary>
    public int BucketSize
    {
        get { lock (_gate) { return _size; } }
    }

    /// <summary>The estimated number of requests in the bucket now.</summary>
    public double Level
    {
        get { lock (_gate) { Drain(); return _level; } }
    }

    /// <summary>Requests waiting for their turn.</summary>
    public int Waiting => Volatile.Read(ref _waiting);

    /// <summary>The most requests the bucket is filled to.</summary>
    private int Limit => Math.Max(1, _size - _margin);

    /// <summary>Sets the drain rate (from the store's connection) and, until the store told its own, the bucket size.</summary>
    public void Configure(double requestsPerSecond, int? bucketSize = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(requestsPerSecond);
        lock (_gate)
        {
            Drain();
            _rate = requestsPerSecond;
            if (bucketSize is > 0 && !_sizeFromStore)
            {
                _size = bucketSize.Value;
            }
        }
    }

    /// <summary>Waits until one more request fits in the bucket, then counts it.</summary>
    public async ValueTask WaitTurnAsync(CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _waiting);
        try
        {
            await _turn.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                while (true)
                {
                    TimeSpan wait;
                    lock (_gate)
                    {
                        Drain();
                        var excess = _level + 1 - Limit;
                        if (excess <= 1e-6)
                        {
                            _level += 1;
                            return;
                        }
                        wait = TimeSpan.FromSeconds(excess / _rate);
                    }
                    await Task.Delay(wait < TimeSpan.FromMilliseconds(1) ? TimeSpan.FromMilliseconds(1) : wait, _time, cancellationToken)
                        .ConfigureAwait(false);
                }
            }
            finally
            {
                _turn.Release();
            }
        }
        finally
        {
            Interlocked.Decrement(ref _waiting);
        }
    }

    /// <summary>How long a request that arrives now would wait for its turn (estimate, counting those already waiting).</summary>
    public TimeSpan EstimateWait()
    {
        lock (_gate)
        {
            Drain();
            var excess = _level + Volatile.Read(ref _waiting) + 1 - Limit;
            return excess <= 0 ? TimeSpan.Zero : TimeSpan.FromSeconds(excess / _rate);
        }
    }

    /// <summary>Resynchronises with the store's <c>X-Shopify-Shop-Api-Call-Limit: used/size</c>.</summary>
    public void OnResponse(int used, int size)
    {
        lock (_gate)
        {
            Drain();
            if (size > 0)
            {
                _size = size;
                _sizeFromStore = true;
            }
            _level = Math.Max(_level, used);
        }
    }

    /// <summary>The store answered 429: its bucket is full.</summary>
    public void OnThrottled(int? size = null)
    {
        lock (_gate)
        {
            Drain();
            if (size is > 0)
            {
                _size = size.Value;
                _sizeFromStore = true;
            }
            _level = Math.Max(_level, _size);
        }
    }

    private void Drain()
    {
        var now = _time.GetTimestamp();
        var elapsed = _time.GetElapsedTime(_drainedAt, now).TotalSeconds;
        if (elapsed > 0)
        {
            _level = Math.Max(0, _level - elapsed * _rate);
        }
        _drainedAt = now;
    }
}

/// <summary>
/// The pacer of every store, keyed by its origin (scheme, host and port), as Shopify keeps one
/// bucket per store. Stores are added at run time; a store met before it was configured gets the
/// standard plan's bucket (40, 2 per second) until it is.
/// </summary>
public sealed class ShopifyRequestPacers(TimeProvider time, IOptionsMonitor<ShopifyClientOptions> options)
{
    public const double DefaultRequestsPerSecond = 2;
    public const int DefaultBucketSize = 40;

    private readonly ConcurrentDictionary<string, ShopifyRequestPacer> _pacers = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The key of a store: <c>scheme://host:port</c>.</summary>
    public static string KeyOf(Uri uri) => $"{uri.Scheme}://{uri.IdnHost}:{uri.Port}".ToLowerInvariant();

    /// <summary>The pacer of the store that <paramref name="uri"/> (any URL of the store) belongs to.</summary>
    public ShopifyRequestPacer For(Uri uri) =>
        _pacers.GetOrAdd(KeyOf(uri), static (_, state) =>
            new ShopifyRequestPacer(DefaultRequestsPerSecond, DefaultBucketSize, state.options.CurrentValue.BucketMargin, state.time),
            (time, options));

    /// <summary>Sets a store's drain rate (and the bucket size to assume until the store tells its own).</summary>
    public ShopifyRequestPacer Configure(Uri baseUrl, double requestsPerSecond, int? bucketSize = null)
    {
        var pacer = For(baseUrl);
        pacer.Configure(requestsPerSecond, bucketSize);
        return pacer;
    }
}
