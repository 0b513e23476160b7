using Microsoft.EntityFrameworkCore;
using SyncDashboard.Core.Persistence;
using SyncDashboard.Core.Syncing;
using SyncDashboard.Tests.Infrastructure;

namespace SyncDashboard.Tests.Web;

/// <summary>
/// The server log says what happened, not every store call: the resilience pipeline and the HTTP client write only
/// warnings (a retry, a break), and the host's start is said once, not once per demo store.
/// </summary>
public sealed class ServerLogTests
{
    [Fact]
    public async Task StoreCallsWriteNoRoutineLinesAndTheStartIsSaidOnce()
    {
        var logs = new TestLogs();
        await using var dashboard = await DashboardApp.StartAsync(logs: logs);
        await dashboard.WaitUntilReadyAsync();
        await using (var db = await dashboard.Services.GetRequiredService<IDbContextFactory<SyncDbContext>>().CreateDbContextAsync())
        {
            var urban = await db.StoreConnections.SingleAsync(c => c.Name == "Urban Threads");
            foreach (var product in await db.Syncable(urban.Id).Take(3).ToListAsync())
            {
                await using var scope = dashboard.Services.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<ProductSyncService>().SyncAsync(product.Id);
            }
        }

        var lines = logs.Lines.ToList();
        Assert.NotEmpty(lines); // the provider hears the app
        var routineCalls = lines.Where(l => l.Level < LogLevel.Warning &&
            (l.Category.StartsWith("Polly", StringComparison.Ordinal) || l.Category.StartsWith("System.Net.Http", StringComparison.Ordinal)
             || l.Category.StartsWith("Microsoft.Extensions.Http", StringComparison.Ordinal))).ToList();
        Assert.True(routineCalls.Count == 0, $"{routineCalls.Count} routine store-call lines, e.g. {routineCalls.FirstOrDefault().Category}: {routineCalls.FirstOrDefault().Message}");
        Assert.Single(lines, l => l.Category == "Microsoft.Hosting.Lifetime" && l.Message.StartsWith("Application started", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Level >= LogLevel.Error);
    }
}
