using System.Collections.Concurrent;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using SyncDashboard.Core.Connections;

namespace SyncDashboard.Core.Reconciliation;

/// <summary>
/// The periodic reconciliation's share of each store's request rate (<see cref="ReconciliationOptions.RateShare"/>
/// of its <see cref="StoreConnection.RequestsPerSecond"/>): a token bucket per store
/// (System.Threading.RateLimiting) that every periodic store call waits on, so that live updates
/// and jobs keep the rest of the store's limit.
/// </summary>
public sealed class ReconciliationBudget(IOptions<ReconciliationOptions> options) : IDisposable
{
    private readonly ConcurrentDictionary<(int Store, double Rate), TokenBucketRateLimiter> _limiters = new();

    /// <summary>Waits until the store's share allows one more call.</summary>
    public async ValueTask WaitAsync(StoreConnection store, CancellationToken cancellationToken)
    {
        var rate = Math.Max(0.01, store.RequestsPerSecond * options.Value.RateShare);
        var limiter = _limiters.GetOrAdd((store.Id, rate), key => new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
        {
            TokenLimit = 1,
            TokensPerPeriod = 1,
            ReplenishmentPeriod = TimeSpan.FromSeconds(1 / key.Rate),
            QueueLimit = int.MaxValue,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            AutoReplenishment = true,
        }));
        using var lease = await limiter.AcquireAsync(1, cancellationToken);
    }

    public void Dispose()
    {
        foreach (var limiter in _limiters.Values)
        {
            limiter.Dispose();
        }
    }
}
