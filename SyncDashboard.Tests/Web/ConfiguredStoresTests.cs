using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SyncDashboard.Core.Persistence;
using SyncDashboard.Core.Syncing;
using SyncDashboard.Tests.Infrastructure;

namespace SyncDashboard.Tests.Web;

/// <summary>The configured stores are connected on a fresh database only: what the merchant disconnects stays disconnected after a restart.</summary>
public sealed class ConfiguredStoresTests
{
    [Fact]
    public async Task AConfiguredStoreTheMerchantDisconnectedDoesNotComeBackAfterARestart()
    {
        using var data = new TempDirectory();
        await using (var first = await DashboardApp.StartAsync(data: data))
        {
            await first.WaitUntilReadyAsync();
            Assert.Equal(["Hearth & Home", "Northwind Outlet", "Urban Threads"], await NamesAsync(first));
            var hearth = await IdOfAsync(first, "Hearth & Home");
            await first.Services.GetRequiredService<IStoreDisconnector>().DisconnectAsync(hearth, deleteCopies: false);
        }

        await using var second = await DashboardApp.StartAsync(data: data);
        await second.WaitUntilReadyAsync();

        Assert.Equal(["Northwind Outlet", "Urban Threads"], await NamesAsync(second));
    }

    private static async Task<List<string>> NamesAsync(DashboardApp dashboard)
    {
        await using var db = await dashboard.Services.GetRequiredService<IDbContextFactory<SyncDbContext>>().CreateDbContextAsync();
        return [.. (await db.StoreConnections.Select(c => c.Name).ToListAsync()).Order(StringComparer.Ordinal)];
    }

    private static async Task<int> IdOfAsync(DashboardApp dashboard, string name)
    {
        await using var db = await dashboard.Services.GetRequiredService<IDbContextFactory<SyncDbContext>>().CreateDbContextAsync();
        return await db.StoreConnections.Where(c => c.Name == name).Select(c => c.Id).SingleAsync();
    }
}
