namespace SyncDashboard.DemoStores;

/// <summary>
/// Live fault injection for one demo store: tests and demos change these while the store runs.
/// Starts from the store's <see cref="DemoStoreFaultOptions"/>.
/// </summary>
public sealed class DemoStoreFaults
{
    private readonly Lock _gate = new();
    private readonly DemoStoreFaultOptions _initial;
    private readonly Random _random;
    private int _forced429;

    public DemoStoreFaults(DemoStoreFaultOptions initial)
    {
        _initial = initial;
        _random = initial.Seed is { } seed ? new Random(seed) : new Random();
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

    /// <summary>Share (0 to 1) of webhook deliveries held back (up to <see cref="WebhookMaxDelay"/>) so that later ones overtake them.</summary>
    public double WebhookDelayRate { get; set; }

    /// <summary>The longest hold of a delayed delivery.</summary>
    public TimeSpan WebhookMaxDelay { get; set; }

    /// <summary>Answers every request as throttled (as <see cref="Force429"/>) for <paramref name="duration"/>, as when another client drains the same bucket.</summary>
    public void Force429For(TimeSpan duration)
    {
        lock (_gate)
        {
            _forced429Until = DateTimeOffset.UtcNow + duration;
        }
    }

    private DateTimeOffset _forced429Until;

    /// <summary>
    /// Answers the next <paramref name="count"/> API requests as throttled, whatever the bucket holds: a REST
    /// request with 429, a GraphQL one with <c>THROTTLED</c> (its points bucket drained, as Shopify answers).
    /// </summary>
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
            _forced429Until = default;
        }
        ServerErrorRate = 0;
        AddedLatency = TimeSpan.Zero;
        ResponseDelay = TimeSpan.Zero;
        WebhookDropRate = 0;
        WebhookDelayRate = 0;
    }

    /// <summary>Back to the configured faults.</summary>
    public void Restore()
    {
        Clear();
        ServerErrorRate = _initial.ServerErrorRate;
        AddedLatency = TimeSpan.FromMilliseconds(_initial.AddedLatencyMilliseconds);
        WebhookDropRate = _initial.WebhookDropRate;
        WebhookDelayRate = _initial.WebhookDelayRate;
        WebhookMaxDelay = TimeSpan.FromMilliseconds(_initial.WebhookMaxDelayMilliseconds);
    }

    internal bool TakeForced429()
    {
        lock (_gate)
        {
            if (_forced429Until > DateTimeOffset.UtcNow)
            {
                return true;
            }
            if (_forced429 == 0)
            {
                return false;
            }
            _forced429--;
            return true;
        }
    }

    internal bool ShouldFail() => ServerErrorRate > 0 && Draw() < ServerErrorRate;

    internal bool ShouldDropWebhook() => WebhookDropRate > 0 && Draw() < WebhookDropRate;

    /// <summary>How long to hold a delivery back (zero: send it at once).</summary>
    internal TimeSpan WebhookHold() => WebhookDelayRate > 0 && Draw() < WebhookDelayRate ? WebhookMaxDelay * Draw() : TimeSpan.Zero;

    /// <summary>The next draw, from the seeded sequence when a seed is set.</summary>
    private double Draw()
    {
        lock (_gate)
        {
            return _random.NextDouble();
        }
    }
}
