using System.Net;
using SyncDashboard.Core.Stores;

namespace SyncDashboard.Tests.Infrastructure;

/// <summary>A machine with the addresses a test gives it (for example a public one), instead of this one's.</summary>
public sealed class TestHostAddresses(params IPAddress[] addresses) : HostAddresses(TimeProvider.System)
{
    protected override IEnumerable<IPAddress> Current() => addresses;
}
