using Microsoft.EntityFrameworkCore;
using SyncDashboard.Core.Activity;
using SyncDashboard.Core.Connections;
using SyncDashboard.Core.Jobs;
using SyncDashboard.Core.Mapping;
using SyncDashboard.Core.Reconciliation;
using SyncDashboard.Core.Stores;
using SyncDashboard.Core.Syncing;
using SyncDashboard.Core.Users;

namespace SyncDashboard.Tests.Engine;

/// <summary>
/// The services refuse what the acting user's role does not allow, whatever a page shows (a Viewer
/// only reads; an Operator changes products, links and field settings; the Owner also stores and
/// users), and what a user starts is logged with their name; the dashboard's own work is the system's.
/// </summary>
public sealed class RoleTests() : EngineTestBase(StoreApi.GraphQL)
{
    private static DashboardActor As(string name, string role) => new(name, new HashSet<string> { role });

    [Fact]
    public async Task AViewerCallingTheServicesDirectlyIsRefusedAndNothingChanges()
    {
        var urban = await ConnectionAsync("Urban Threads");
        var product = await SyncableAsync(urban.Id);
        var actors = Get<DashboardActors>();
        actors.Current = As("vera", DashboardRoles.Viewer);

        var unsync = await Assert.ThrowsAsync<ActionNotAllowedException>(() => Get<IJobService>().StartBulkUnsyncAsync([product.Id], UnsyncMode.Delete));
        await Assert.ThrowsAsync<ActionNotAllowedException>(() => Get<IJobService>().StartBulkSyncAsync([product.Id]));
        await Assert.ThrowsAsync<ActionNotAllowedException>(() => Get<IJobService>().StartBulkMapAsync(dryRun: false));
        await Assert.ThrowsAsync<ActionNotAllowedException>(() => Get<IStoreDisconnector>().DisconnectAsync(urban.Id, deleteCopies: true));
        await Assert.ThrowsAsync<ActionNotAllowedException>(() => Get<IStoreConnectionService>().UpdateSettingsAsync(urban.Id, SourceSettings.Of(urban)));
        await Assert.ThrowsAsync<ActionNotAllowedException>(() => Get<IIndividualMapper>().UnmapAsync(product.Id));
        await Assert.ThrowsAsync<ActionNotAllowedException>(() => Get<IActivityLog>().MarkReadAsync()); // the team's bell stays as it is
        // Reading is what a Viewer does: a dry run of the Bulk Mapper is a report, and the details' check of a link only does what the
        // reconciliation would do anyway (no choice of the merchant's is changed).
        var dryRun = await Get<IJobService>().StartBulkMapAsync(dryRun: true);
        Assert.False(await Get<ILinkCheck>().CheckProductAsync(product.Id)); // not linked: nothing to check

        Assert.Equal("Your role (Viewer) does not allow you to unsync products: ask an Operator or the Owner.", unsync.Message);
        Assert.Equal("vera", dryRun.StartedBy);
        await using var db = await DbAsync();
        Assert.Equal(1, await db.Jobs.CountAsync());
        Assert.Equal(ConnectionStatus.Connected, (await ConnectionAsync("Urban Threads")).Status);
    }

    [Fact]
    public async Task AnOperatorSyncsButCannotDisconnectAndTheSyncIsLoggedAsTheirs()
    {
        var urban = await ConnectionAsync("Urban Threads");
        var product = await SyncableAsync(urban.Id);
        var actors = Get<DashboardActors>();
        actors.Current = As("olga", DashboardRoles.Operator);

        var refused = await Assert.ThrowsAsync<ActionNotAllowedException>(() => Get<IStoreDisconnector>().DisconnectAsync(urban.Id, deleteCopies: false));
        var job = await Get<IJobService>().StartBulkSyncAsync([product.Id]);
        actors.Current = null; // the test waits as nobody in particular
        await foreach (var _ in Get<JobService>().WatchAsync(job.Id))
        {
        }

        Assert.Equal("Your role (Operator) does not allow you to disconnect stores: ask the Owner.", refused.Message);
        var log = await Get<ActivityLog>().QueryAsync(new ActivityQuery { Kind = ActivityKind.Sync });
        var synced = Assert.Single(log.Entries, e => e.ProductId == product.ExternalId);
        Assert.Equal("olga", synced.User);
        var byOlga = await Get<ActivityLog>().QueryAsync(new ActivityQuery { User = "OLGA" }); // names without regard to case
        Assert.Contains(byOlga.Entries, e => e.Id == synced.Id);
        // What the dashboard does by itself (no one acting) is the system's, and the filter finds it.
        var own = await Get<ActivityLog>().RecordAsync(ActivityKind.Reconciliation, ActivitySeverity.Info, "Reconciliation: nothing to repair.");
        var system = await Get<ActivityLog>().QueryAsync(new ActivityQuery { User = ActivityQuery.SystemUser });
        Assert.Contains(system.Entries, e => e.Id == own.Id);
        Assert.DoesNotContain(system.Entries, e => e.Id == synced.Id);
        Assert.All(system.Entries, e => Assert.Null(e.User));
    }
}
