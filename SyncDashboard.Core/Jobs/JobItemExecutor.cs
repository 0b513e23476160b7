using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using SyncDashboard.Core.Activity;
using SyncDashboard.Core.Catalogue;
using SyncDashboard.Core.Connections;
using SyncDashboard.Core.Mapping;
using SyncDashboard.Core.Persistence;
using SyncDashboard.Core.Stores;
using SyncDashboard.Core.Syncing;

namespace SyncDashboard.Core.Jobs;

/// <summary>What became of one job item.</summary>
public sealed record JobItemOutcome(bool Succeeded, string Message);

/// <summary>
/// Does the work of one job item, by job kind. A failure of the item (a store error, a refused
/// product) is an outcome; anything thrown is unexpected and fails the job.
/// </summary>
public sealed class JobItemExecutor(
    IDbContextFactory<SyncDbContext> dbFactory,
    ProductSyncService sync,
    BulkMapper mapper,
    StoreConnectionService connections,
    CatalogueMirror mirror,
    SkuHealth skuHealth,
    ActivityLog activity,
    JobService jobs,
    TimeProvider time,
    ILogger<JobItemExecutor> logger)
{
    /// <summary>Runs one item of the job; store failures and refusals come back as a failed outcome.</summary>
    public async Task<JobItemOutcome> ExecuteAsync(Job job, JobItem item, JobParameters parameters, Action<string, double?> detail,
        CancellationToken cancellationToken)
    {
        switch (job.Kind)
        {
            case JobKind.BulkSync:
                return From(await sync.SyncAsync(item.SubjectId, cancellationToken));
            case JobKind.BulkUnsync:
                return From(await sync.UnsyncOneAsync(item.SubjectId, parameters.UnsyncMode ?? UnsyncMode.Keep, cancellationToken));
            case JobKind.BulkMap:
                return await MapAsync(job.Id, parameters.DryRun ?? false, detail, cancellationToken);
            case JobKind.Resync:
                return await ResyncAsync(item.SubjectId, cancellationToken);
            default:
                throw new InvalidOperationException($"Unknown job kind {job.Kind}.");
        }
    }

    private async Task<JobItemOutcome> MapAsync(Guid jobId, bool dryRun, Action<string, double?> detail, CancellationToken cancellationToken)
    {
        long? lastReported = null;
        var progress = new InlineProgress<(int Done, int Total)>(p =>
        {
            var now = time.GetTimestamp();
            if (p.Done == p.Total || lastReported is null || time.GetElapsedTime(lastReported.Value, now) >= TimeSpan.FromMilliseconds(250))
            {
                lastReported = now;
                detail($"Compared {p.Done:N0} of {p.Total:N0} Destination products.", p.Total == 0 ? 100 : 100.0 * p.Done / p.Total);
            }
        });
        var report = await mapper.RunAsync(dryRun, progress, cancellationToken);
        jobs.KeepReport(jobId, report);
        return new JobItemOutcome(true, Summary(report));
    }

    /// <summary>The report's counts in words, for example "Dry run: 12 would be mapped; 30 no match, 2 missing SKU."</summary>
    internal static string Summary(MappingReport report)
    {
        var mapped = report.Count(MappingOutcome.Mapped);
        var others = Enum.GetValues<MappingOutcome>().Where(o => o != MappingOutcome.Mapped && report.Count(o) > 0)
            .Select(o => $"{report.Count(o):N0} {Words(o)}").ToList();
        var head = report.DryRun ? $"Dry run: {mapped:N0} would be mapped" : $"{mapped:N0} mapped";
        return $"{head}{(others.Count == 0 ? "" : "; " + string.Join(", ", others))} ({report.Lines.Count:N0} Destination products in {report.Elapsed.TotalSeconds:0.0} s).";
    }

    private static string Words(MappingOutcome outcome) => outcome switch
    {
        MappingOutcome.NoMatch => "no match",
        MappingOutcome.MissingSku => "missing SKU",
        MappingOutcome.DuplicateSku => "duplicate SKU",
        MappingOutcome.VariantCountDiffers => "variant count differs",
        MappingOutcome.PartialSkuMatch => "partial SKU match",
        MappingOutcome.AlreadyLinked => "already linked",
        _ => outcome.ToString(),
    };

    /// <summary>
    /// Reads the Source product again into the mirror; pushes a linked product's stock to its
    /// Destination copy, or syncs an unlinked one (sync is idempotent).
    /// </summary>
    private async Task<JobItemOutcome> ResyncAsync(long mirroredProductId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var product = await db.Products.AsNoTracking().Include(p => p.Variants)
            .FirstOrDefaultAsync(p => p.Id == mirroredProductId, cancellationToken);
        if (product is null)
        {
            return new JobItemOutcome(false, "The product is no longer in the Source catalogue.");
        }
        var source = await connections.FindAsync(product.StoreId, cancellationToken);
        if (source is null || source.Role != StoreRole.Source)
        {
            return new JobItemOutcome(false, $"\"{product.Title}\" is not a Source product: only Source products can be resynced.");
        }

        StoreProduct? fresh;
        try
        {
            fresh = await connections.ClientFor(source).GetProductAsync(product.ExternalId, cancellationToken);
        }
        catch (Exception e) when (e is StoreApiException or HttpRequestException or TimeoutException)
        {
            return new JobItemOutcome(false, $"Could not read \"{product.Title}\" from {source.Name}: {e.Message} It can be retried safely.");
        }
        if (fresh is null)
        {
            return new JobItemOutcome(false, $"\"{product.Title}\" is no longer in {source.Name}.");
        }
        await mirror.UpsertAsync(source.Id, [fresh], cancellationToken);
        if (!SkuSignature(product.Variants.Select(v => (v.ExternalId, v.Sku))).SequenceEqual(SkuSignature(fresh.Variants.Select(v => (v.Id, v.Sku)))))
        {
            await skuHealth.RecomputeAsync(source.Id, cancellationToken);
        }

        var link = await db.ProductLinks.Include(l => l.Variants)
            .FirstOrDefaultAsync(l => l.SourceStoreId == source.Id && l.SourceProductId == product.ExternalId, cancellationToken);
        if (link is null)
        {
            return From(await sync.SyncAsync(mirroredProductId, cancellationToken));
        }

        var destination = await connections.FindAsync(link.DestinationStoreId, cancellationToken);
        if (destination is null)
        {
            return new JobItemOutcome(false, $"\"{fresh.Title}\" is linked to a store that is no longer connected.");
        }
        try
        {
            var client = connections.ClientFor(destination);
            var locationId = destination.LocationId ?? (await client.ListLocationsAsync(cancellationToken)).First(l => l.Active).Id;
            var quantities = fresh.Variants.ToDictionary(v => v.Id, v => v.InventoryQuantity ?? 0);
            var pushed = 0;
            foreach (var variant in link.Variants)
            {
                if (quantities.TryGetValue(variant.SourceVariantId, out var quantity))
                {
                    await client.SetInventoryLevelAsync(variant.DestinationInventoryItemId, locationId, quantity, cancellationToken);
                    await mirror.SetQuantityAsync(destination.Id, variant.DestinationInventoryItemId, quantity, cancellationToken);
                    pushed++;
                }
            }
            link.LastSyncedAt = time.GetUtcNow();
            await db.SaveChangesAsync(cancellationToken);

            var missing = link.Variants.Count - pushed;
            var message = $"Resynced \"{fresh.Title}\" from {source.Name}: stock of {pushed} variant{(pushed == 1 ? "" : "s")} pushed to {destination.Name}."
                + (missing == 0 ? "" : $" {missing} linked variant{(missing == 1 ? " is" : "s are")} no longer in the Source product.");
            await activity.RecordAsync(ActivityKind.Sync, ActivitySeverity.Success, message, source.Id, source.Name,
                fresh.Id, fresh.Title, fresh.Variants.FirstOrDefault()?.Sku, cancellationToken);
            return new JobItemOutcome(true, message);
        }
        catch (Exception e) when (e is StoreApiException or HttpRequestException or TimeoutException)
        {
            logger.LogWarning(e, "Resync of product {ProductId} failed", product.ExternalId);
            var message = $"Resync of \"{fresh.Title}\" failed: {e.Message} It can be retried safely.";
            await activity.RecordAsync(ActivityKind.Failure, ActivitySeverity.Error, message, source.Id, source.Name,
                fresh.Id, fresh.Title, null, CancellationToken.None);
            return new JobItemOutcome(false, message);
        }
    }

    private static IEnumerable<(long, string?)> SkuSignature(IEnumerable<(long VariantId, string? Sku)> variants) =>
        variants.Select(v => (v.VariantId, CatalogueMirror.NormalizeSku(v.Sku))).OrderBy(v => v.VariantId);

    private static JobItemOutcome From(ProductOperationResult result) => new(result.Succeeded, result.Message);

    /// <summary>Reports on the caller's thread, in order (unlike <see cref="Progress{T}"/>).</summary>
    private sealed class InlineProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
