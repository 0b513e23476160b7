using Bunit;
using MudBlazor;
using SyncDashboard.Components.Layout;
using SyncDashboard.Core.Syncing;

namespace SyncDashboard.Tests.Components.Layout;

/// <summary>The banner that tells a merchant the Destination is catching up, how much waits and for how long, once it has waited a while.</summary>
public sealed class BacklogBannerTests : DashboardTestContext
{
    [Fact]
    public void NothingWaitingOrWaitingOnlyAMomentShowsNothing()
    {
        var empty = Render<BacklogBanner>();
        Backlog.Snapshot = new SyncBacklogSnapshot(3, 0, DateTimeOffset.UtcNow.AddSeconds(-2), 120, TimeSpan.FromSeconds(2), null);
        var moment = Render<BacklogBanner>();

        Assert.Empty(empty.FindAll("[data-testid=backlog]"));
        Assert.Empty(moment.FindAll("[data-testid=backlog]"));
    }

    [Fact]
    public void ABacklogThatHasWaitedSaysHowMuchHowFastAndUntilWhenAndGoesWhenDrained()
    {
        Backlog.Snapshot = new SyncBacklogSnapshot(480, 12, DateTimeOffset.UtcNow.AddSeconds(-42), 300, TimeSpan.FromMinutes(1.6), null);

        var banner = Render<BacklogBanner>(p => p.Add(b => b.RefreshEvery, TimeSpan.FromMilliseconds(50)));

        Assert.Equal("Catching up with the Destination: 480 stock updates and 12 product checks waiting; at the current pace (300 a minute) done in about 2 minutes.",
            banner.Find("[data-testid=backlog]").TextContent.Trim());
        Backlog.Snapshot = new SyncBacklogSnapshot(0, 0, null, 300, TimeSpan.Zero, null);
        banner.WaitForAssertion(() => Assert.Empty(banner.FindAll("[data-testid=backlog]")));
    }

    [Fact]
    public void UpdatesRetriedAfterStoreErrorsAreAWarningNamingTheError()
    {
        Backlog.Snapshot = new SyncBacklogSnapshot(7, 0, DateTimeOffset.UtcNow.AddMinutes(-3), null, null, "Northwind Outlet answered 503 Service Unavailable.");

        var banner = Render<BacklogBanner>();

        Assert.Equal("Catching up with the Destination: 7 stock updates waiting; none done in the last minute. Retrying after the store's last error: Northwind Outlet answered 503 Service Unavailable.",
            banner.Find("[data-testid=backlog]").TextContent.Trim());
        Assert.Contains("mud-alert-text-warning", banner.Find("[data-testid=backlog]").ClassName ?? "");
    }
}
