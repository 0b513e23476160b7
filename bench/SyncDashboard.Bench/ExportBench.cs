using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using SyncDashboard.Core.Activity;
using SyncDashboard.Core.Catalogue;
using SyncDashboard.Core.Connections;
using SyncDashboard.Core.Export;
using SyncDashboard.Core.Jobs;
using SyncDashboard.Core.Persistence;
using SyncDashboard.Core.Products;
using SyncDashboard.DemoStores.Seeding;

/// <summary>
/// The products CSV export of one Source store of N generated products (about 3 variants each, mirrored through the engine's
/// upsert, SKU problems computed) to a file: rows, seconds, bytes written, bytes allocated, and the peaks of the managed heap
/// (above the baseline before the export) and of the working set, both sampled every 5 ms while the export writes (the working set
/// also before the export, once what loading left has been collected and given back).
/// </summary>
internal static class ExportBench
{
    public static async Task RunAsync(int size)
    {
        var path = Path.Combine(Path.GetTempPath(), $"syncdashboard-export-bench-{Guid.NewGuid():N}.db");
        var csvPath = Path.ChangeExtension(path, ".csv");
        var options = new DbContextOptionsBuilder<SyncDbContext>().UseSqlite($"Data Source={path}").Options;
        var factory = new Factory(options);
        try
        {
            int storeId;
            await using (var db = factory.CreateDbContext())
            {
                await db.Database.MigrateAsync();
                await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;"); // as the dashboard runs it
                var store = new StoreConnection { Name = "Urban Threads", Role = StoreRole.Source, BaseUrl = "http://127.0.0.1:2", ProtectedAccessToken = "-", ProtectedWebhookSecret = "-" };
                db.StoreConnections.Add(store);
                await db.SaveChangesAsync();
                storeId = store.Id;
            }
            var time = TimeProvider.System;
            var loading = Stopwatch.StartNew();
            await BenchCatalogue.LoadAsync(new CatalogueMirror(factory, time), storeId, CatalogueGenerator.GenerateStore(seed: 1, count: size, storeCode: "SRC"), idBase: 1_000_000_000);
            await new SkuHealth(factory).RecomputeAsync(storeId);
            loading.Stop();

            var actors = new SyncDashboard.Core.Users.DashboardActors();
            var jobs = new JobService(factory, new ActivityLog(factory, time, actors), time, actors, NullLogger<JobService>.Instance);
            var exports = new CsvExportService(factory, jobs, time);
            var query = new ProductGridQuery { StoreId = storeId };

            // What loading the catalogue left is collected and given back to the system, so the working set starts from the export's own.
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
            var baseline = GC.GetTotalMemory(forceFullCollection: true);
            var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
            using var process = Process.GetCurrentProcess();
            var heap = new Peak(baseline);
            var workingSetBefore = process.WorkingSet64;
            var workingSet = new Peak(workingSetBefore);
            var sampling = new Timer(_ =>
            {
                heap.Observe(GC.GetTotalMemory(false));
                process.Refresh();
                workingSet.Observe(process.WorkingSet64);
            }, null, 0, 5);
            var watch = Stopwatch.StartNew();
            long rows;
            await using (var file = new FileStream(csvPath, FileMode.Create, FileAccess.Write, FileShare.None, 64 * 1024, useAsync: true))
            {
                rows = await (await exports.ProductsAsync(query))!.WriteToAsync(file);
            }
            watch.Stop();
            await sampling.DisposeAsync();
            var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
            process.Refresh();

            Console.WriteLine("| products | loaded in | rows written | CSV size | export time | allocated | peak managed heap above baseline | working set before export | peak working set during export | process peak working set (loading included) |");
            Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {size:N0} | {loading.Elapsed.TotalSeconds:0.0} s | {rows:N0} | {new FileInfo(csvPath).Length / 1024.0 / 1024.0:0.0} MB | {watch.Elapsed.TotalSeconds:0.00} s | "
                + $"{allocated / 1024.0 / 1024.0:0} MB | {(heap.Value - baseline) / 1024.0 / 1024.0:0.0} MB | {workingSetBefore / 1024.0 / 1024.0:0} MB | {workingSet.Value / 1024.0 / 1024.0:0} MB | {process.PeakWorkingSet64 / 1024.0 / 1024.0:0} MB |"));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var file in Directory.GetFiles(Path.GetTempPath(), Path.GetFileNameWithoutExtension(path) + "*"))
            {
                File.Delete(file);
            }
        }
    }
}
