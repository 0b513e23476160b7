using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SyncDashboard.Core.Catalogue;
using SyncDashboard.Core.Connections;
using SyncDashboard.Core.Persistence;
using SyncDashboard.Core.Stores;
using SyncDashboard.Tests.Infrastructure;

namespace SyncDashboard.Tests.Engine;

/// <summary>
/// The whole dashboard on loopback with its demo stores (smaller catalogues than the default
/// demo, for speed), after the sync engine has read every store once.
/// </summary>
/// <param name="adapter">
/// The store API every configured store is reached with: each engine test class runs once per
/// adapter (its nested <c>GraphQL</c> and <c>Rest</c> classes), so the engine is proven on both.
/// </param>
public abstract class EngineTestBase(StoreApi adapter) : IAsyncLifetime
{
    protected DashboardApp Dashboard { get; private set; } = null!;

    /// <summary>The store API the configured stores are reached with in this run.</summary>
    protected StoreApi Adapter { get; } = adapter;

    protected virtual IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Stores:Destination:Api"] = Adapter.ToString(),
        ["Stores:Sources:0:Api"] = Adapter.ToString(),
        ["Stores:Sources:1:Api"] = Adapter.ToString(),
        ["DemoStores:Catalogue:ProductsPerSource"] = "40",
        ["DemoStores:Catalogue:DestinationOnlyProducts"] = "10",
        ["DemoStores:Catalogue:DuplicateSkuShare"] = "0.1",
        ["DemoStores:Stores:1:CsvCatalogues:0"] = "apparel.csv",
        // Short enough for the failure tests (which set their own), long enough that a loaded CI machine does not time out a
        // call the store has carried out (the engine then counts a done repair as failed and logs no repair for it).
        ["Shopify:AttemptTimeout"] = "00:00:05",
        ["Shopify:BaseRetryDelay"] = "00:00:00.2",
    };

    public async Task InitializeAsync()
    {
        Dashboard = await DashboardApp.StartAsync(Settings);
        await Dashboard.WaitUntilReadyAsync();
    }

    public async Task DisposeAsync() => await Dashboard.DisposeAsync();

    protected T Get<T>() where T : notnull => Dashboard.Services.GetRequiredService<T>();

    protected async Task<SyncDbContext> DbAsync() => await Get<IDbContextFactory<SyncDbContext>>().CreateDbContextAsync();

    protected async Task<StoreConnection> ConnectionAsync(string name)
    {
        await using var db = await DbAsync();
        return await db.StoreConnections.AsNoTracking().SingleAsync(c => c.Name == name);
    }

    /// <summary>The first product Sync creates anew (healthy, not linked, no SKU in the Destination) that <paramref name="query"/> picks.</summary>
    protected async Task<MirroredProduct> SyncableAsync(int storeId, Func<IQueryable<MirroredProduct>, IQueryable<MirroredProduct>>? query = null)
    {
        await using var db = await DbAsync();
        return await (query ?? (q => q.OrderBy(p => p.Id)))(db.Syncable(storeId)).FirstAsync();
    }

    protected async Task<MirroredProduct> MirroredAsync(int storeId, Func<IQueryable<MirroredProduct>, IQueryable<MirroredProduct>> query)
    {
        await using var db = await DbAsync();
        return await query(db.Products.AsNoTracking().Include(p => p.Variants).Where(p => p.StoreId == storeId)).FirstAsync();
    }
}
