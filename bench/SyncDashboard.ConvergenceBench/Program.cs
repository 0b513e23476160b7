// Measures convergence with the real dashboard and its demo stores on loopback, both on a Standard
// plan (bucket 40, 2 requests/s), release build, nothing else running:
//   dotnet run -c Release --project bench/SyncDashboard.ConvergenceBench -- map 1000 [graphql|rest]
//     Bulk Map of N products (about 3 variants each, every Destination level different from its
//     Source's) until every pair is in step: time, store calls, and the least the rate limit allows.
//   dotnet run -c Release --project bench/SyncDashboard.ConvergenceBench -- sync 100 [graphql|rest]
//     Bulk Sync of N products of 3 variants until every copy exists and is in step, against the
//     least time the Destination's limit allows (REST 40 / 2 per s; GraphQL 2,000 / 100 per s).
//   dotnet run -c Release --project bench/SyncDashboard.ConvergenceBench -- read 10000 [graphql|rest]
//     The first read of a catalogue of N products: REST pages vs one GraphQL bulk operation (time, peak heap).
//   dotnet run -c Release --project bench/SyncDashboard.ConvergenceBench -- pass 10000 [graphql|rest]
//     A reconciliation pass over N links with nothing to repair (calls, seconds); then live inventory
//     latency (a Source stock change to the Destination's level) while the periodic reconciliation runs.
using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using SyncDashboard.ConvergenceBench;
using SyncDashboard.Core.Catalogue;
using SyncDashboard.Core.Connections;
using SyncDashboard.DemoStores;
using SyncDashboard.DemoStores.Seeding;
using SyncDashboard.Core.Jobs;
using SyncDashboard.Core.Mapping;
using SyncDashboard.Core.Reconciliation;
using SyncDashboard.Core.Shopify.Models;
using SyncDashboard.Core.Stores;

var scenario = args.ElementAtOrDefault(0) ?? "map";
var size = int.Parse(args.ElementAtOrDefault(1) ?? (scenario == "map" ? "1000" : "10000"), CultureInfo.InvariantCulture);
var api = Enum.Parse<StoreApi>(args.ElementAtOrDefault(2) ?? "GraphQL", ignoreCase: true);
switch (scenario)
{
    case "map":
        await MapAsync(size, api);
        break;
    case "pass":
        await PassAndLiveAsync(size, api);
        break;
    case "sync":
        await SyncAsync(size, api);
        break;
    case "read":
        await ReadAsync(size, api);
        break;
    default:
        Console.Error.WriteLine("Usage: map [products] [graphql|rest] | pass [links] [graphql|rest] | sync [products] [graphql|rest] | read [products] [graphql|rest]");
        return 2;
}
return 0;

static Dictionary<string, string?> On(StoreApi api) => new()
{
    ["Stores:Destination:Api"] = api.ToString(),
    ["Stores:Sources:0:Api"] = api.ToString(),
};

// The least time the Destination's limit allows for what it was asked: REST drains 2 calls a second
// past its 40-call bucket; GraphQL restores 100 points a second past its 2,000-point bucket.
static double LeastSeconds(StoreApi api, long calls, long points) => api == StoreApi.Rest
    ? Math.Max(0, calls - 40) / 2.0
    : Math.Max(0, points - 2000) / 100.0;

static async Task SyncAsync(int size, StoreApi api)
{
    await using var bench = await BenchDashboard.StartAsync(On(api));
    // Products of exactly 3 variants (the generator's with 3 or more, cut to their first 3).
    var source = CatalogueGenerator.GenerateStore(seed: 11, count: size * 4, storeCode: "SYNC")
        .Where(p => p.Variants!.Count >= 3 && p.Options!.Count == 1).Take(size).ToList();
    foreach (var product in source)
    {
        product.Status = "active";
        product.Variants = [.. product.Variants!.Take(3)];
        product.Options![0].Values = [.. product.Variants.Select(v => v.Option1!)];
    }
    await SeedAndReadAsync(bench, source, []);
    await using var db = await bench.Services.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<SyncDashboard.Core.Persistence.SyncDbContext>>().CreateDbContextAsync();
    var sourceId = (await bench.Services.GetRequiredService<StoreConnectionService>().ListAsync()).Single(c => c.Role == StoreRole.Source).Id;
    var ids = db.Products.Where(p => p.StoreId == sourceId).Select(p => p.Id).ToList();
    var variants = source.Sum(p => p.Variants!.Count);
    var stats = bench.Destination.Stats;
    var (callsBefore, pointsBefore) = (stats.Requests, stats.GraphQLPointsSpent);
    var (sourceCallsBefore, sourcePointsBefore) = (bench.Source.Stats.Requests, bench.Source.Stats.GraphQLPointsSpent);
    var jobs = bench.Services.GetRequiredService<JobService>();

    var watch = Stopwatch.StartNew();
    var job = await jobs.StartBulkSyncAsync(ids);
    await foreach (var _ in jobs.WatchAsync(job.Id))
    {
    }
    while (!AllInStep(bench) && watch.Elapsed < TimeSpan.FromHours(1))
    {
        await Task.Delay(200);
    }
    watch.Stop();
    var (calls, points) = (stats.Requests - callsBefore, stats.GraphQLPointsSpent - pointsBefore);
    var (sourceCalls, sourcePoints) = (bench.Source.Stats.Requests - sourceCallsBefore, bench.Source.Stats.GraphQLPointsSpent - sourcePointsBefore);
    // The work is bound by whichever store's limit it needs longer (each Sync reads the Source too).
    var least = Math.Max(LeastSeconds(api, calls, points), LeastSeconds(api, sourceCalls, sourcePoints));
    foreach (var (operation, count) in stats.ByOperation.OrderBy(o => o.Key))
    {
        Console.Error.WriteLine($"Destination {operation}: {count}");
    }
    foreach (var (operation, count) in bench.Source.Stats.ByOperation.OrderBy(o => o.Key))
    {
        Console.Error.WriteLine($"Source {operation}: {count}");
    }
    Console.Error.WriteLine($"Source points: {bench.Source.Stats.GraphQLPointsSpent}, throttled {bench.Source.Stats.GraphQLThrottled}, Destination throttled {stats.GraphQLThrottled}");
    Console.WriteLine("| API | products (variants) | time to all created and in step | Destination calls (points) | Source calls (points) | least time the stores' limits allow | ratio |");
    Console.WriteLine("|---|---|---|---|---|---|---|");
    string Spent(long c, long p) => api == StoreApi.Rest ? c.ToString("N0", CultureInfo.InvariantCulture) : string.Create(CultureInfo.InvariantCulture, $"{c:N0} ({p:N0})");
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"| {api} | {ids.Count:N0} ({variants:N0}) | {watch.Elapsed.TotalSeconds:N1} s | {Spent(calls, points)} | {Spent(sourceCalls, sourcePoints)} | {least:N1} s | {(least > 0 ? watch.Elapsed.TotalSeconds / least : double.NaN):N2} |"));
}

static async Task ReadAsync(int size, StoreApi api)
{
    await using var bench = await BenchDashboard.StartAsync(On(api));
    var source = CatalogueGenerator.GenerateStore(seed: 13, count: size, storeCode: "READ").ToList();
    await bench.Source.SeedAsync(source);
    var connection = (await bench.Services.GetRequiredService<StoreConnectionService>().ListAsync()).Single(c => c.Role == StoreRole.Source);
    var client = bench.Services.GetRequiredService<StoreConnectionService>().ClientFor(connection);
    GC.Collect();
    GC.WaitForPendingFinalizers();
    GC.Collect();
    var baseline = GC.GetTotalMemory(forceFullCollection: true);
    var peak = baseline;
    using var sampling = new CancellationTokenSource();
    var sampler = Task.Run(async () =>
    {
        while (!sampling.IsCancellationRequested)
        {
            peak = Math.Max(peak, GC.GetTotalMemory(false));
            await Task.Delay(10);
        }
    });
    var (callsBefore, pointsBefore) = (bench.Source.Stats.Requests, bench.Source.Stats.GraphQLPointsSpent);

    var watch = Stopwatch.StartNew();
    long products = 0, variants = 0;
    await foreach (var product in client.ListProductsAsync())
    {
        products++;
        variants += product.Variants.Count;
    }
    watch.Stop();
    sampling.Cancel();
    await sampler;
    Console.WriteLine("| API | products (variants) read | time | store calls | peak managed heap above the baseline (store and client in one process) |");
    Console.WriteLine("|---|---|---|---|---|");
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"| {(api == StoreApi.Rest ? "REST pages of 250" : "GraphQL bulk operation (JSONL stream)")} | {products:N0} ({variants:N0}) | {watch.Elapsed.TotalSeconds:N1} s | {bench.Source.Stats.Requests - callsBefore:N0} | {(peak - baseline) / 1024.0 / 1024.0:N0} MB |"));
}

static async Task MapAsync(int size, StoreApi api)
{
    await using var bench = await BenchDashboard.StartAsync(On(api));
    var (source, copies) = Catalogues(size, destinationStockOffset: 3);
    await SeedAndReadAsync(bench, source, copies);
    var variants = source.Sum(p => p.Variants!.Count);
    var (destinationBefore, sourceBefore, throttledBefore) = (bench.Destination.Stats.Requests, bench.Source.Stats.Requests, bench.Destination.Stats.Throttled);
    var pointsBefore = bench.Destination.Stats.GraphQLPointsSpent;
    var jobs = bench.Services.GetRequiredService<JobService>();

    var watch = Stopwatch.StartNew();
    var job = await jobs.StartBulkMapAsync(dryRun: false);
    var lastPrint = TimeSpan.Zero;
    await foreach (var progress in jobs.WatchAsync(job.Id))
    {
        if (watch.Elapsed - lastPrint > TimeSpan.FromSeconds(60))
        {
            lastPrint = watch.Elapsed;
            Console.Error.WriteLine($"{watch.Elapsed:mm\\:ss} {progress.Detail}");
        }
    }
    while (!AllInStep(bench) && watch.Elapsed < TimeSpan.FromHours(2))
    {
        await Task.Delay(1_000);
    }
    watch.Stop();

    foreach (var (operation, count) in bench.Destination.Stats.ByOperation.OrderBy(o => o.Key))
    {
        Console.Error.WriteLine($"Destination {operation}: {count}");
    }
    foreach (var (operation, count) in bench.Source.Stats.ByOperation.OrderBy(o => o.Key))
    {
        Console.Error.WriteLine($"Source {operation}: {count}");
    }
    var destinationCalls = bench.Destination.Stats.Requests - destinationBefore;
    var points = bench.Destination.Stats.GraphQLPointsSpent - pointsBefore;
    var sourceCalls = bench.Source.Stats.Requests - sourceBefore;
    var productReads = (size + 249) / 250;
    // The least: one products read per 250 links per side, the Destination's locations once, one write per level that differs.
    var leastDestination = productReads + 1 + variants;
    // REST: the least calls the work needs at 2 a second; GraphQL: the points it spent at 100 a second.
    var leastSeconds = api == StoreApi.Rest ? Math.Max(0, leastDestination - 40) / 2.0 : LeastSeconds(api, destinationCalls, points);
    Console.WriteLine("| API | products | variants (levels that differed) | time to every pair in step | Destination calls | Destination points | Source calls | 429s / THROTTLED | least time the Destination's limit allows | ratio |");
    Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|");
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"| {api} | {size:N0} | {variants:N0} | {watch.Elapsed.TotalSeconds:N0} s | {destinationCalls:N0} | {(api == StoreApi.Rest ? "-" : points.ToString("N0", CultureInfo.InvariantCulture))} | {sourceCalls:N0} | {bench.Destination.Stats.Throttled - throttledBefore + bench.Destination.Stats.GraphQLThrottled} | {leastSeconds:N0} s | {(leastSeconds > 0 ? watch.Elapsed.TotalSeconds / leastSeconds : double.NaN):N2} |"));
}

static async Task PassAndLiveAsync(int size, StoreApi api)
{
    // The periodic pass keeps verifying every link (within its 25% share) while live changes are measured.
    var settings = On(api);
    settings["Reconciliation:Interval"] = "00:00:05";
    settings["Reconciliation:VerifyEvery"] = "00:00:30";
    settings["Reconciliation:LinksPerPass"] = "100000";
    await using var bench = await BenchDashboard.StartAsync(settings);
    var (source, copies) = Catalogues(size, destinationStockOffset: 0);
    await SeedAndReadAsync(bench, source, copies);
    var report = await bench.Services.GetRequiredService<BulkMapper>().RunAsync(dryRun: false);
    var reconciler = bench.Services.GetRequiredService<Reconciler>();

    var (destinationBefore, sourceBefore) = (bench.Destination.Stats.Requests, bench.Source.Stats.Requests);
    var watch = Stopwatch.StartNew();
    var pass = await reconciler.ReconcileAsync(report.CreatedLinkIds, new ReconcileRun { Trigger = "Bench", LogSummary = false });
    watch.Stop();
    Console.WriteLine("| links | variants | in step | repaired | Destination calls | Source calls | store calls written | seconds |");
    Console.WriteLine("|---|---|---|---|---|---|---|---|");
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"| {report.CreatedLinkIds.Count:N0} | {source.Sum(p => p.Variants!.Count):N0} | {pass.Count(LinkOutcomeKind.InStep):N0} | {pass.Count(LinkOutcomeKind.Repaired)} | {bench.Destination.Stats.Requests - destinationBefore} | {bench.Source.Stats.Requests - sourceBefore} | {pass.Writes} | {watch.Elapsed.TotalSeconds:0.0} |"));

    // Live inventory while the reconciliation runs: one Source change a second, each to a random linked variant.
    await Task.Delay(TimeSpan.FromSeconds(35)); // the links are due again: the periodic pass is verifying them
    var (quietDestination, quietSource) = (bench.Destination.Stats.Requests, bench.Source.Stats.Requests);
    await Task.Delay(TimeSpan.FromSeconds(30));
    Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"The periodic pass alone, 30 s: {bench.Destination.Stats.Requests - quietDestination} Destination and {bench.Source.Stats.Requests - quietSource} Source calls"));
    var pairs = PairsOf(bench);
    var random = new Random(7);
    var latencies = new List<double>();
    var (destinationCallsBefore, liveWrites) = (bench.Destination.Stats.Requests, 0);
    var operationsBefore = bench.Destination.Stats.ByOperation.ToDictionary();
    for (var i = 0; i < 60; i++)
    {
        var (sourceItem, destinationItem) = pairs[random.Next(pairs.Count)];
        var quantity = (Level(bench.Source, sourceItem) ?? 0) + 1 + random.Next(5);
        var changed = Stopwatch.StartNew();
        bench.Source.Catalogue.SetInventoryLevel(sourceItem, bench.Source.PrimaryLocationId, quantity);
        while (Level(bench.Destination, destinationItem) != quantity && changed.Elapsed < TimeSpan.FromSeconds(30))
        {
            await Task.Delay(5);
        }
        latencies.Add(changed.Elapsed.TotalMilliseconds);
        liveWrites++;
        var rest = TimeSpan.FromSeconds(1) - changed.Elapsed;
        if (rest > TimeSpan.Zero)
        {
            await Task.Delay(rest);
        }
    }
    latencies.Sort();
    foreach (var (operation, count) in bench.Destination.Stats.ByOperation)
    {
        Console.Error.WriteLine($"Destination during the live changes: {operation}: {count - operationsBefore.GetValueOrDefault(operation)}");
    }
    var background = bench.Destination.Stats.Requests - destinationCallsBefore - liveWrites;
    Console.WriteLine();
    Console.WriteLine("| live changes | p50 | p95 | max | Destination calls by the reconciliation meanwhile |");
    Console.WriteLine("|---|---|---|---|---|");
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"| {latencies.Count} (1 a second) | {Percentile(latencies, 0.50):N0} ms | {Percentile(latencies, 0.95):N0} ms | {latencies[^1]:N0} ms | {background} |"));
}

// Source products (all active) and the Destination's copies of them: the same SKUs and variants, their stock off by an offset.
static (List<ShopifyProduct> Source, List<ShopifyProduct> Copies) Catalogues(int size, int destinationStockOffset)
{
    var source = CatalogueGenerator.GenerateStore(seed: 11, count: size, storeCode: "BENCH").ToList();
    foreach (var product in source)
    {
        product.Status = "active";
    }
    var copies = source.Select(p => new ShopifyProduct
    {
        Title = p.Title,
        Handle = p.Handle + "-copy",
        Vendor = p.Vendor,
        Status = "active",
        Options = [.. p.Options!.Select(o => new ShopifyOption { Name = o.Name, Position = o.Position, Values = [.. o.Values ?? []] })],
        Variants = [.. p.Variants!.Select(v => new ShopifyVariant
        {
            Option1 = v.Option1, Option2 = v.Option2, Option3 = v.Option3, Sku = v.Sku, Price = v.Price, InventoryManagement = "shopify",
            InventoryQuantity = (v.InventoryQuantity ?? 0) + destinationStockOffset,
        })],
    }).ToList();
    return (source, copies);
}

static async Task SeedAndReadAsync(BenchDashboard bench, List<ShopifyProduct> source, List<ShopifyProduct> copies)
{
    await bench.Source.SeedAsync(source);
    await bench.Destination.SeedAsync(copies);
    // A sweep re-reads what changed from 5 s before the last read began: seeded products must be older, as a real catalogue's are.
    await Task.Delay(TimeSpan.FromSeconds(6));
    var refresher = bench.Services.GetRequiredService<CatalogueRefresher>();
    foreach (var connection in await bench.Services.GetRequiredService<StoreConnectionService>().ListAsync())
    {
        await refresher.FullReadAsync(connection);
    }
}

static List<(long SourceItem, long DestinationItem)> PairsOf(BenchDashboard bench)
{
    using var scope = bench.Services.CreateScope();
    var factory = bench.Services.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<SyncDashboard.Core.Persistence.SyncDbContext>>();
    using var db = factory.CreateDbContext();
    return [.. db.VariantLinks.Select(v => new { v.SourceInventoryItemId, v.DestinationInventoryItemId }).AsEnumerable()
        .Select(v => (v.SourceInventoryItemId, v.DestinationInventoryItemId))];
}

static bool AllInStep(BenchDashboard bench) =>
    PairsOf(bench).All(p => Level(bench.Source, p.SourceItem) == Level(bench.Destination, p.DestinationItem));

static int? Level(DemoStoreServer store, long item) =>
    store.Catalogue.ListInventoryLevels(new HashSet<long> { item }, new HashSet<long> { store.PrimaryLocationId }).SingleOrDefault()?.Available;

static double Percentile(List<double> sorted, double p) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
