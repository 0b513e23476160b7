namespace SyncDashboard.DemoStores;

/// <summary>
/// Live fault injection for one demo store: tests and demos change these while the store runs.
/// Starts from the store's <see cref="DemoStoreFaultOptions"/>.
/// </summary>
public sealed class DemoStoreFaults
{
    private readonly Lock _gate = new();
    private readonly DemoStoreFaultOptions _initial;
    private int _forced429;

    public DemoStoreFaults(DemoStoreFaultOptions initial)
    {
        _initial = initial;
        Restore();
    }

    /// <summary>Share (0 to 1) of API requests answered with a 5xx error.</summary>
    public double ServerErrorRate { get; set; }

    /// <summary>Latency added before every API request is answered.</summary>
    public TimeSpan AddedLatency { get; set; }

    /// <summary>
    /// Delay added after a request was handled and before its answer is sent: the store has done
    /// the work, but a client with a shorter timeout never hears so (the case that makes blind
    /// retries of creates dangerous).
    /// </summary>
    public TimeSpan ResponseDelay { get; set; }

    /// <summary>Share (0 to 1) of webhook deliveries that are dropped.</summary>
    public double WebhookDropRate { get; set; }

    /// <summary>Answers the next <paramref name="count"/> API requests with 429, whatever the bucket holds.</summary>
    public void Force429(int count)
    {
        lock (_gate)
        {
            _forced429 += count;
        }
    }

    /// <summary>Turns every fault off (configured faults included).</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _forced429 = 0;
        }
        ServerErrorRate = 0;
        AddedLatency = TimeSpan.Zero;
        ResponseDelay = TimeSpan.Zero;
        WebhookDropRate = 0;
    }

    /// <summary>Back to the configured faults.</summary>
    public void Restore()
    {
        Clear();
        ServerErrorRate = _initial.ServerErrorRate;
        AddedLatency = TimeSpan.FromMilliseconds(_initial.AddedLatencyMilliseconds);
        WebhookDropRate = _initial.WebhookDropRate;
    }

    internal bool TakeForced429()
    {
        lock (_gate)
        {
            if (_forced429 == 0)
            {
                return false;
            }
            _forced429--;
            return true;
        }
    }

    internal bool ShouldFail() => ServerErrorRate > 0 && Random.Shared.NextDouble() < ServerErrorRate;

    internal bool ShouldDropWebhook() => WebhookDropRate > 0 && Random.Shared.NextDouble() < WebhookDropRate;
}
