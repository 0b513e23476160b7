// Measures the Bulk Mapper (time and peak managed memory) and one product-grid page query
// (filter + search + sort) on mirrors of N products per side, about 3 variants each.
//   dotnet run -c Release --project bench/SyncDashboard.Bench -- 10000 100000
// Or the products CSV export of a store of N products (rows, seconds, allocated bytes, peak heap and working set):
//   dotnet run -c Release --project bench/SyncDashboard.Bench -- export 100000
using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using SyncDashboard.Core.Activity;
using SyncDashboard.Core.Catalogue;
using SyncDashboard.Core.Connections;
using SyncDashboard.DemoStores.Seeding;
using SyncDashboard.Core.Mapping;
using SyncDashboard.Core.Persistence;
using SyncDashboard.Core.Products;
using SyncDashboard.Core.Shopify;
using SyncDashboard.Core.Shopify.Models;
using SyncDashboard.Core.Stores;

if (args is ["export", ..])
{
    await ExportBench.RunAsync(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 100_000);
    return;
}

var sizes = args.Length > 0 ? args.Select(a => int.Parse(a, CultureInfo.InvariantCulture)).ToArray() : [10_000, 100_000];
Console.WriteLine("| products per side | variants per side | Bulk Mapper | peak managed heap during mapping | mapped | grid page query (filter + search + sort) |");
Console.WriteLine("|---|---|---|---|---|---|");
foreach (var size in sizes)
{
    await MeasureAsync(size);
}

static async Task MeasureAsync(int size)
{
    var path = Path.Combine(Path.GetTempPath(), $"syncdashboard-bench-{size}-{Guid.NewGuid():N}.db");
    var options = new DbContextOptionsBuilder<SyncDbContext>().UseSqlite($"Data Source={path}").Options;
    var factory = new Factory(options);
    try
    {
        await using (var db = factory.CreateDbContext())
        {
            await db.Database.MigrateAsync();
            db.StoreConnections.AddRange(
                new StoreConnection { Name = "Destination", Role = StoreRole.Destination, BaseUrl = "http://127.0.0.1:1", ProtectedAccessToken = "-", ProtectedWebhookSecret = "-" },
                new StoreConnection { Name = "Source", Role = StoreRole.Source, BaseUrl = "http://127.0.0.1:2", ProtectedAccessToken = "-", ProtectedWebhookSecret = "-" });
            await db.SaveChangesAsync();
        }
        var time = TimeProvider.System;
        var mirror = new CatalogueMirror(factory, time);

        // Source: N generated products. Destination: the same SKUs for half of them, its own for the rest.
        var source = CatalogueGenerator.GenerateStore(seed: 1, count: size, storeCode: "SRC");
        var own = CatalogueGenerator.GenerateStore(seed: 2, count: size / 2, storeCode: "DST");
        var destination = source.Take(size / 2).Concat(own).ToList();
        await BenchCatalogue.LoadAsync(mirror, storeId: 2, source, idBase: 1_000_000_000);
        await BenchCatalogue.LoadAsync(mirror, storeId: 1, destination, idBase: 5_000_000_000);
        await new SkuHealth(factory).RecomputeAsync(2);
        await new SkuHealth(factory).RecomputeAsync(1);
        var variants = source.Sum(p => p.Variants!.Count);

        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var baseline = GC.GetTotalMemory(forceFullCollection: true);
        var peak = new Peak(baseline);
        await using var sampling = new Timer(_ => peak.Observe(GC.GetTotalMemory(false)), null, 0, 5);
        var mapper = new BulkMapper(factory, new SyncDashboard.Core.Linking.LinkStore(factory, time), new ActivityLog(factory, time, new SyncDashboard.Core.Users.DashboardActors()), time);
        var watch = Stopwatch.StartNew();
        var report = await mapper.RunAsync(dryRun: false);
        watch.Stop();
        await sampling.DisposeAsync();
        peak.Observe(GC.GetTotalMemory(false));

        var query = new ProductQueryService(factory);
        var gridQuery = new ProductGridQuery { StoreId = 2, Status = ProductStatusFilter.NotSynced, Search = "cotton", Sort = ProductSort.Vendor, Page = 3, PageSize = 25 };
        await query.QueryAsync(gridQuery); // warm
        var gridWatch = Stopwatch.StartNew();
        const int runs = 20;
        ProductGridPage page = null!;
        for (var i = 0; i < runs; i++)
        {
            page = await query.QueryAsync(gridQuery with { Page = i % 5 });
        }
        gridWatch.Stop();

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {size:N0} | {variants:N0} | {watch.Elapsed.TotalSeconds:0.00} s | {(peak.Value - baseline) / 1024.0 / 1024.0:0} MB | {report.Count(MappingOutcome.Mapped):N0} | {gridWatch.Elapsed.TotalMilliseconds / runs:0.0} ms ({page.TotalCount:N0} matches) |"));
    }
    finally
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var file in Directory.GetFiles(Path.GetTempPath(), Path.GetFileName(path) + "*"))
        {
            File.Delete(file);
        }
    }
}

internal sealed class Factory(DbContextOptions<SyncDbContext> options) : IDbContextFactory<SyncDbContext>
{
    public SyncDbContext CreateDbContext() => new(options);
}

internal sealed class Peak(long initial)
{
    private long _value = initial;

    public long Value => Interlocked.Read(ref _value);

    public void Observe(long bytes)
    {
        long seen;
        while (bytes > (seen = Interlocked.Read(ref _value)) && Interlocked.CompareExchange(ref _value, bytes, seen) != seen)
        {
        }
    }
}
