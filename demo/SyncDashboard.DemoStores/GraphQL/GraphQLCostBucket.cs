namespace SyncDashboard.DemoStores.GraphQL;

/// <summary>
/// The GraphQL Admin API's limit for one app on one store: a leaky bucket of points
/// (<see cref="MaximumAvailable"/>, a Standard plan has 2,000) that restores
/// <see cref="RestoreRate"/> points per second (Standard: 100). A query is refused when the bucket
/// holds fewer points than its requested cost; once it ran, only its actual cost is kept.
/// Counted apart from the REST bucket. Rule from shopify.dev "GraphQL Admin API rate limits".
/// </summary>
internal sealed class GraphQLCostBucket(double maximumAvailable, double restoreRate, TimeProvider time)
{
    private readonly Lock _gate = new();
    private double _available = maximumAvailable;
    private long _at = time.GetTimestamp();

    public double MaximumAvailable { get; } = maximumAvailable;
    public double RestoreRate { get; } = restoreRate;

    /// <summary>Points in the bucket now (restored for the time since the last look).</summary>
    public double CurrentlyAvailable
    {
        get
        {
            lock (_gate)
            {
                return Restore();
            }
        }
    }

    /// <summary>
    /// Takes <paramref name="cost"/> points; false (nothing taken) when the bucket holds fewer.
    /// <paramref name="available"/> is what the bucket held when it decided (what a THROTTLED answer reports).
    /// </summary>
    public bool TryTake(int cost, out double available)
    {
        lock (_gate)
        {
            available = Restore();
            if (available < cost)
            {
                return false;
            }
            _available -= cost;
            available = _available;
            return true;
        }
    }

    /// <summary>Gives back points taken but not spent (requested minus actual cost).</summary>
    public void Refund(int points)
    {
        lock (_gate)
        {
            _available = Math.Min(MaximumAvailable, Restore() + Math.Max(0, points));
        }
    }

    /// <summary>Empties the bucket, as another client of the same app spending it would (tests, demos).</summary>
    public void Drain()
    {
        lock (_gate)
        {
            Restore();
            _available = 0;
        }
    }

    private double Restore()
    {
        var now = time.GetTimestamp();
        _available = Math.Min(MaximumAvailable, _available + time.GetElapsedTime(_at, now).TotalSeconds * RestoreRate);
        _at = now;
        return _available;
    }
}
