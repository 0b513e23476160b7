namespace SyncDashboard.Tests.Infrastructure;

/// <summary>The system clock moved by <see cref="Offset"/> (timers and timestamps run as usual): a store "an hour later" while everything else runs live.</summary>
public sealed class ShiftedTimeProvider : TimeProvider
{
    public TimeSpan Offset { get; set; }

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + Offset;
}
