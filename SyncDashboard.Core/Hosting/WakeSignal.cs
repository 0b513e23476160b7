using System.Threading.Channels;

namespace SyncDashboard.Core.Hosting;

/// <summary>
/// A wake-up call for a background loop whose work waits in the database (the database is the queue,
/// so nothing is lost in a crash): <see cref="Set"/> says "there is work"; any number of calls before
/// the loop looks count as one.
/// </summary>
public sealed class WakeSignal
{
    private readonly Channel<bool> _channel = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    /// <summary>Wakes the loop (never blocks).</summary>
    public void Set() => _channel.Writer.TryWrite(true);

    /// <summary>Waits until <see cref="Set"/> is called.</summary>
    /// <exception cref="OperationCanceledException">The app is stopping.</exception>
    public async Task WaitAsync(CancellationToken stoppingToken) => await _channel.Reader.ReadAsync(stoppingToken);

    /// <summary>Waits until <see cref="Set"/> is called or <paramref name="delay"/> has passed on <paramref name="time"/>, whichever comes first.</summary>
    /// <exception cref="OperationCanceledException">The app is stopping.</exception>
    public async Task WaitAsync(TimeSpan delay, TimeProvider time, CancellationToken stoppingToken)
    {
        if (delay <= TimeSpan.Zero)
        {
            return;
        }
        using var elapsed = new CancellationTokenSource(delay, time);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, elapsed.Token);
        try
        {
            await _channel.Reader.ReadAsync(timeout.Token);
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
        }
    }
}
