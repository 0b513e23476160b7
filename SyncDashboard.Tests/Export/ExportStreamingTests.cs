using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Xunit.Abstractions;
using SyncDashboard.Core.Export;
using SyncDashboard.Core.Persistence;
using SyncDashboard.Core.Products;
using SyncDashboard.Tests.Components.Fakes;
using SyncDashboard.Tests.Infrastructure;

namespace SyncDashboard.Tests.Export;

/// <summary>
/// The products export streams: 100,000 products (each row about 1 KB in memory once read) are written while the managed heap
/// stays within <see cref="HeldLimitBytes"/> of where it started, which holding the rows (a <c>ToList</c>, about 100 MB) would
/// break; and a cancelled request stops it. Memory is measured alone (<see cref="MeasuresMemoryCollection"/>).
/// </summary>
[Collection(MeasuresMemoryCollection.Name)]
public sealed class ExportStreamingTests(ITestOutputHelper output) : IDisposable
{
    private const int ProductCount = 100_000;

    /// <summary>How much more managed memory may be held, after a full collection, while the export writes.</summary>
    private const long HeldLimitBytes = 50L * 1024 * 1024;

    private readonly TempDirectory _folder = new();

    public void Dispose() => _folder.Dispose();

    /// <summary>A dashboard database in a file, with a store of <paramref name="count"/> products of 2 variants each and a store of 10.</summary>
    private async Task<(IDbContextFactory<SyncDbContext> Factory, int BigStore, int SmallStore)> SeedAsync(int count)
    {
        var options = new DbContextOptionsBuilder<SyncDbContext>().UseSqlite($"Data Source={_folder.File("export.db")}").Options;
        var factory = new PooledDbContextFactory<SyncDbContext>(options);
        await using var db = await factory.CreateDbContextAsync();
        await db.Database.EnsureCreatedAsync();
        var big = ExportSeed.Store(db, "Big Catalogue");
        var small = ExportSeed.Store(db, "Small Catalogue");
        var mirroredAt = (long)new DateTimeOffsetToBinaryConverter().ConvertToProvider(DateTimeOffset.UtcNow)!;
        // Long titles and reasons (about 200 characters each), so holding the rows would show.
        var title = string.Concat(Enumerable.Repeat("Organic cotton crew-neck tee, garment dyed ", 5));
        var reason = string.Concat(Enumerable.Repeat("SKU is used more than once in this store; ", 5));
        foreach (var (storeId, products) in new[] { (big.Id, count), (small.Id, 10) })
        {
            var first = storeId * 10_000_000L;
            await db.Database.ExecuteSqlAsync($"""
                WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {products})
                INSERT INTO products (StoreId, ExternalId, Title, Vendor, Tags, ImagesJson, OptionsJson, VariantCount, TotalInventory, SkuText, SearchText,
                                      MirroredAt, SyncState, ContentHash, Problem, ProblemReason)
                SELECT {storeId}, {first} + i, printf('%s%06d', {title}, i), 'Vendor ' || (i % 50), '', '[]', '[]', 2, (i % 100) - 10, '', '',
                       {mirroredAt}, 'NotSynced', '', CASE WHEN i % 7 = 0 THEN 'DuplicateSku' ELSE 'None' END, printf('%s%06d', {reason}, i)
                FROM n
                """);
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO variants (ProductId, StoreId, ExternalId, Sku, NormalizedSku, Price, Position, Problem, Quantity, Tracked)
                SELECT p.Id, p.StoreId, p.ExternalId * 10 + k.k, printf('SKU-%d-%d', p.ExternalId, k.k), printf('SKU-%d-%d', p.ExternalId, k.k),
                       '10.00', k.k, 'None', 5, 1
                FROM products p CROSS JOIN (SELECT 1 AS k UNION ALL SELECT 2) k
                WHERE p.StoreId = {storeId}
                """);
        }
        return (factory, big.Id, small.Id);
    }

    [Fact]
    public async Task OneHundredThousandProductsAreWrittenWithoutHoldingThem()
    {
        var seeding = System.Diagnostics.Stopwatch.StartNew();
        var (factory, bigStore, smallStore) = await SeedAsync(ProductCount);
        seeding.Stop();
        var exports = new CsvExportService(factory, new TestJobService(), TimeProvider.System);
        var query = new ProductGridQuery { StoreId = bigStore, Sort = ProductSort.Vendor };
        // The same export on a small store first: the query compiled and the code jitted before the baseline.
        await (await exports.ProductsAsync(query with { StoreId = smallStore }))!.WriteToAsync(new CountingStream(long.MaxValue, () => { }));

        var baseline = GC.GetTotalMemory(forceFullCollection: true);
        var allocatedBefore = GC.GetTotalAllocatedBytes();
        long peak = baseline;
        var samples = 0;
        var counting = new CountingStream(1024 * 1024, () =>
        {
            peak = Math.Max(peak, GC.GetTotalMemory(forceFullCollection: true)); // what is still held, garbage collected
            samples++;
        });
        var writing = System.Diagnostics.Stopwatch.StartNew();
        var rows = await (await exports.ProductsAsync(query))!.WriteToAsync(counting);
        writing.Stop();

        output.WriteLine($"Seeded {ProductCount:N0} products in {seeding.Elapsed.TotalSeconds:0.0} s; wrote {rows:N0} rows ({counting.Bytes / 1024.0 / 1024.0:0.0} MB) in "
            + $"{writing.Elapsed.TotalSeconds:0.0} s; held at most {(peak - baseline) / 1024.0 / 1024.0:0.0} MB above the baseline over {samples} samples; "
            + $"allocated {(GC.GetTotalAllocatedBytes() - allocatedBefore) / 1024.0 / 1024.0:0} MB in all.");
        Assert.Equal(ProductCount, rows);
        Assert.Equal(ProductCount + 1, counting.LineFeeds); // the header and one line per product: no title has a line break here
        Assert.True(samples >= 20, $"memory was sampled {samples} times"); // the output is tens of megabytes
        Assert.True(peak - baseline < HeldLimitBytes, $"the export held {(peak - baseline) / 1024 / 1024} MB above the baseline");
    }

    [Fact]
    public async Task ACancelledRequestStopsTheExport()
    {
        var (factory, bigStore, _) = await SeedAsync(20_000);
        var exports = new CsvExportService(factory, new TestJobService(), TimeProvider.System);
        using var request = new CancellationTokenSource();
        var counting = new CountingStream(256 * 1024, request.Cancel); // the client goes away after the first quarter megabyte

        var export = await exports.ProductsAsync(new ProductGridQuery { StoreId = bigStore });
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => export!.WriteToAsync(counting, request.Token));

        Assert.InRange(counting.LineFeeds, 1, 19_999);
    }
}
