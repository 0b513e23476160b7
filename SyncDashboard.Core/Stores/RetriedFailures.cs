namespace SyncDashboard.Core.Stores;

/// <summary>
/// The failures the store clients met and retried during the calls of one piece of work, for a caller
/// that must say why the work ran out of time (a connection test: "answered 503 at every try", not
/// "no answer"). Begun with <see cref="Watch"/> around the calls (it flows with the async calls);
/// the Shopify adapter's retry strategy reports each retried failure through <see cref="Record"/>.
/// </summary>
public sealed class RetriedFailures : IDisposable
{
    private static readonly AsyncLocal<RetriedFailures?> Current = new();
    private readonly RetriedFailures? _outer;
    private int _count;
    private int? _lastStatus;

    private RetriedFailures(RetriedFailures? outer) => _outer = outer;

    /// <summary>How many failed attempts were retried.</summary>
    public int Count => Volatile.Read(ref _count);

    /// <summary>The HTTP status of the last retried failure that was an answer (null when none was: timeouts, network errors).</summary>
    public int? LastStatus => _lastStatus;

    /// <summary>Starts watching the store calls made from here on in this async flow, until disposed.</summary>
    public static RetriedFailures Watch() => Current.Value = new RetriedFailures(Current.Value);

    /// <summary>Reports a failed attempt about to be retried: its HTTP status, or null for no answer.</summary>
    public static void Record(int? status)
    {
        if (Current.Value is { } watch)
        {
            Interlocked.Increment(ref watch._count);
            if (status is not null)
            {
                watch._lastStatus = status;
            }
        }
    }

    public void Dispose() => Current.Value = _outer;
}
