using Microsoft.EntityFrameworkCore;
using SyncDashboard.Core.Activity;
using SyncDashboard.Core.Catalogue;
using SyncDashboard.Core.Connections;
using SyncDashboard.Core.Linking;
using SyncDashboard.Core.Stores;

namespace SyncDashboard.Core.Reconciliation;

// Applying one link's repair plan, in an order the store accepts, and recording the result.
public sealed partial class Reconciler
{
    /// <summary>
    /// A link's repair up to its stock: the levels still to write (with the other links of its batch, in
    /// as few calls as the store takes) and what records the link's outcome once they are written. Its
    /// verification is recorded only after its writes, so a run stopped in between leaves it to check again.
    /// </summary>
    private sealed record LinkStep(IReadOnlyList<StockWrite> Writes, Func<Task<LinkOutcome>> Finish)
    {
        public static LinkStep Done(LinkOutcome outcome) => new([], () => Task.FromResult(outcome));
    }

    private async Task<LinkStep> ReconcileLinkAsync(ProductLink link, StoreConnection source, StoreConnection destination, SourceRead sourceRead,
        DestinationRead destinationRead, DateTimeOffset checkedSince, ReconcileRun run, ReconciliationReport report, CancellationToken cancellationToken)
    {
        var sourceProduct = sourceRead.Products.GetValueOrDefault(link.SourceProductId);
        var actual = destinationRead.Products.GetValueOrDefault(link.DestinationProductId);
        var title = sourceProduct?.Title ?? actual?.Title ?? (await TitlesAsync([link], cancellationToken)).GetValueOrDefault(link.Id) ?? $"product {link.SourceProductId}";
        var settings = LinkSettings.For(source, link.Kind);
        var desired = DesiredState.For(link, new SourceSnapshot(sourceProduct, sourceRead.Available), settings);
        var plan = RepairPlan.Between(desired, link, actual, destinationRead.Levels);
        var client = connections.ClientFor(destination);

        if (run.VerifyOnly && !plan.IsEmpty)
        {
            // The periodic pass only reads, within its share of the stores' rate; a repair runs at full rate, as a requested check.
            await links.RequestCheckAsync([link.Id], CancellationToken.None);
            return LinkStep.Done(new LinkOutcome(link.Id, link.SourceProductId, title, LinkOutcomeKind.NeedsRepair, plan.Changes,
                $"\"{title}\" differs from its Source: {string.Join(", ", plan.Changes)}; a repair is requested."));
        }

        if (plan.DestinationGone)
        {
            await links.RemoveAsync(link.Id, CancellationToken.None);
            var gone = $"\"{title}\" was deleted in {destination.Name}: its link to {source.Name} ended. Sync or map it again to follow the Source.";
            await activity.RecordAsync(ActivityKind.ProductDeleted, ActivitySeverity.Warning, gone, source.Id, source.Name, link.SourceProductId, title,
                cancellationToken: CancellationToken.None);
            return LinkStep.Done(new LinkOutcome(link.Id, link.SourceProductId, title, LinkOutcomeKind.Unlinked, plan.Changes, gone));
        }
        if (plan.DeleteProduct)
        {
            await BeforeCallAsync(run, destination, cancellationToken);
            report.CountWrite();
            await client.DeleteProductAsync(link.DestinationProductId, cancellationToken);
            await mirror.RemoveAsync(destination.Id, link.DestinationProductId, CancellationToken.None);
            await links.RemoveAsync(link.Id, CancellationToken.None);
            var deleted = $"\"{title}\" {Ended(desired.Source, sourceProduct)} in {source.Name}; its copy in {destination.Name} was deleted (the Source's setting).";
            await activity.RecordAsync(ActivityKind.ProductDeleted, ActivitySeverity.Warning, deleted, source.Id, source.Name, link.SourceProductId, title,
                cancellationToken: CancellationToken.None);
            return LinkStep.Done(new LinkOutcome(link.Id, link.SourceProductId, title, LinkOutcomeKind.Unlinked, plan.Changes, deleted));
        }

        var changed = false;
        if (plan.MigrateMarker && link.Kind == LinkKind.Synced && source.ShopDomain is { } domain)
        {
            await BeforeCallAsync(run, destination, cancellationToken);
            report.CountWrite();
            await client.SetProductMetafieldAsync(link.DestinationProductId, LinkMarker.For(domain, link.SourceProductId), cancellationToken);
            changed = true;
        }
        if (plan.Update is { } update)
        {
            await BeforeCallAsync(run, destination, cancellationToken);
            report.CountWrite(update.Variants is { Count: > 0 } ? 2 : 1); // variant changes read the variant list first
            actual = await client.UpdateProductAsync(link.DestinationProductId, update, cancellationToken);
            await mirror.UpsertAsync(destination.Id, [actual], CancellationToken.None);
            changed = true;
        }

        // Variants: add before removing (a product keeps at least one), then end the pairs that are gone.
        var writes = new List<StockWrite>();
        var claimed = link.Variants.Except(plan.DropPairs).Select(v => v.DestinationVariantId).ToHashSet();
        foreach (var variant in plan.CreateVariants)
        {
            var sku = CatalogueMirror.NormalizeSku(variant.Sku);
            // A variant an interrupted run already created is taken, not created twice.
            var existing = actual!.Variants.FirstOrDefault(v => !claimed.Contains(v.Id) && sku is not null && CatalogueMirror.NormalizeSku(v.Sku) == sku);
            if (existing is null)
            {
                await BeforeCallAsync(run, destination, cancellationToken);
                report.CountWrite();
                existing = await client.CreateVariantAsync(link.DestinationProductId, Draft(variant, source.PriceRule), cancellationToken);
            }
            claimed.Add(existing.Id);
            var available = variant.InventoryTracked ? sourceRead.Available.GetValueOrDefault(variant.InventoryItemId ?? 0) : (int?)null;
            await links.AddVariantAsync(link.Id, new VariantLink
            {
                SourceVariantId = variant.Id,
                SourceInventoryItemId = variant.InventoryItemId ?? 0,
                DestinationVariantId = existing.Id,
                DestinationInventoryItemId = existing.InventoryItemId ?? 0,
                Sku = variant.Sku,
                SourceAvailable = available,
            }, CancellationToken.None);
            if (available is { } quantity && existing.InventoryItemId is { } item)
            {
                writes.Add(new StockWrite(item, quantity, sourceRead.ObservedAt, quantity));
            }
            changed = true;
        }
        foreach (var pair in plan.DeleteVariants)
        {
            await BeforeCallAsync(run, destination, cancellationToken);
            report.CountWrite();
            await client.DeleteVariantAsync(link.DestinationProductId, pair.DestinationVariantId, cancellationToken);
            changed = true;
        }
        await links.RemoveVariantsAsync([.. plan.DeleteVariants.Concat(plan.DropPairs).Select(v => v.Id)], CancellationToken.None);

        foreach (var change in plan.Stock)
        {
            var wanted = desired.Variants.First(v => v.Link.Id == change.Link.Id);
            writes.Add(new StockWrite(change.Link.DestinationInventoryItemId, change.To, sourceRead.ObservedAt, wanted.Available, change.From));
        }
        return new LinkStep(writes, () => FinishLinkAsync(link, source, destination, title, settings, desired, plan, sourceProduct,
            destinationRead, changed || writes.Count > 0, checkedSince));
    }

    /// <summary>Records the link's verification (after its stock was written), tells the Activity Log what needs telling, and says what became of it.</summary>
    private async Task<LinkOutcome> FinishLinkAsync(ProductLink link, StoreConnection source, StoreConnection destination, string title, LinkSettings settings,
        DesiredProduct desired, RepairPlan plan, StoreProduct? sourceProduct, DestinationRead destinationRead, bool changed, DateTimeOffset checkedSince)
    {
        var quantities = new Dictionary<long, (int? Source, int? Destination)>();
        foreach (var wanted in desired.Variants.Where(v => !plan.DropPairs.Contains(v.Link)))
        {
            var written = plan.Stock.FirstOrDefault(s => s.Link.Id == wanted.Link.Id);
            quantities[wanted.Link.Id] = (wanted.Available,
                written?.To ?? (destinationRead.Levels.TryGetValue(wanted.Link.DestinationInventoryItemId, out var level) ? level : null));
        }

        if (plan.Unlink)
        {
            await links.RemoveAsync(link.Id, CancellationToken.None);
            var kept = settings.DeletePolicy == SourceDeletePolicy.SetToDraft ? "set to draft" : "kept with stock 0";
            var ended = $"\"{title}\" was deleted in {source.Name}; {ListingWord(link)} in {destination.Name} was {kept}.";
            await activity.RecordAsync(ActivityKind.ProductDeleted, ActivitySeverity.Warning, ended, source.Id, source.Name, link.SourceProductId, title,
                cancellationToken: CancellationToken.None);
            return new LinkOutcome(link.Id, link.SourceProductId, title, LinkOutcomeKind.Unlinked, plan.Changes, ended);
        }

        var reason = plan.OutOfStepReasons.Count == 0 ? null : string.Join("; ", plan.OutOfStepReasons) + ".";
        var state = reason is null ? LinkState.InStep : LinkState.OutOfStep;
        await links.RecordVerificationAsync(new LinkVerification(link.Id, state, reason, changed, plan.PausedFromStatus,
            plan.AppliedImagesKey, quantities), checkedSince, CancellationToken.None);

        if (desired.Source == SourceCondition.Unavailable && changed)
        {
            var what = settings.DeletePolicy == SourceDeletePolicy.SetToDraft ? "set to draft" : "kept with stock 0";
            await activity.RecordAsync(ActivityKind.ProductUpdate, ActivitySeverity.Warning,
                $"\"{title}\" is {sourceProduct?.Status} in {source.Name}; {ListingWord(link)} in {destination.Name} was {what}.",
                source.Id, source.Name, link.SourceProductId, title, cancellationToken: CancellationToken.None);
        }
        if (state == LinkState.OutOfStep && (link.State != LinkState.OutOfStep || link.StateReason != reason))
        {
            await activity.RecordAsync(ActivityKind.OutOfStep, ActivitySeverity.Warning,
                $"\"{title}\" is out of step with {destination.Name}: {reason} To follow the Source again, make your listing's variants match it and pair them again in the Individual Mapper (or unmap it).",
                source.Id, source.Name, link.SourceProductId, title, cancellationToken: CancellationToken.None);
        }
        var kind = state == LinkState.OutOfStep ? LinkOutcomeKind.OutOfStep : changed ? LinkOutcomeKind.Repaired : LinkOutcomeKind.InStep;
        var message = kind switch
        {
            LinkOutcomeKind.InStep => $"\"{title}\" is in step with {destination.Name}.",
            LinkOutcomeKind.Repaired => $"\"{title}\" brought in step with {destination.Name}: {string.Join(", ", plan.Changes)}.",
            _ => $"\"{title}\" is out of step: {reason}",
        };
        return new LinkOutcome(link.Id, link.SourceProductId, title, kind, plan.Changes, message);
    }

    /// <summary>A Source variant as a new variant of its copy: SKU, barcode, options, weight, tracking, policy and the price rule's prices.</summary>
    internal static StoreVariantDraft Draft(StoreVariant variant, PriceRule prices) => new()
    {
        Sku = variant.Sku,
        Barcode = variant.Barcode,
        Price = prices.Apply(variant.Price),
        CompareAtPrice = prices.ApplyCompareAt(variant.CompareAtPrice),
        OptionValues = variant.OptionValues,
        Grams = variant.Grams,
        Weight = variant.Weight,
        WeightUnit = variant.WeightUnit,
        InventoryTracked = variant.InventoryTracked,
        InventoryPolicy = variant.InventoryPolicy,
    };

    /// <summary>How the Activity Log names the Destination product: "its copy" (Sync made it) or "its listing" (the merchant's own, mapped).</summary>
    private static string ListingWord(ProductLink link) => link.Kind == LinkKind.Mapped ? "its listing" : "its copy";

    /// <summary>The Source product's state in words, as found now (it may always have been draft): "is draft", "is archived", "was deleted".</summary>
    private static string Ended(SourceCondition condition, StoreProduct? product) =>
        condition == SourceCondition.Gone || product is null ? "was deleted" : $"is {product.Status}";

    /// <summary>One Activity Log line per run that repaired something: the product when one, counts and the first titles when many.</summary>
    private async Task LogSummaryAsync(ReconcileRun run, ReconciliationReport report)
    {
        // One summary per Source store, so each names its store (a Bulk Map covers several).
        var stores = await SourcesOfAsync(report.Outcomes);
        foreach (var bySource in report.Outcomes.GroupBy(o => stores.GetValueOrDefault(o.LinkId)))
        {
            var store = bySource.Key;
            var repaired = bySource.Where(o => o.Kind == LinkOutcomeKind.Repaired).ToList();
            var failed = bySource.Where(o => o.Kind == LinkOutcomeKind.Failed).ToList();
            if (repaired.Count == 1)
            {
                await activity.RecordAsync(ActivityKind.Reconciliation, ActivitySeverity.Info, $"{run.Trigger}: {repaired[0].Message}",
                    store?.Id, store?.Name, repaired[0].SourceProductId, repaired[0].Title, cancellationToken: CancellationToken.None);
            }
            else if (repaired.Count > 1)
            {
                var what = repaired.SelectMany(o => o.Changes).GroupBy(Subject).Select(g => $"{g.Key} of {g.Count()} product{(g.Count() == 1 ? "" : "s")}");
                var titles = string.Join(", ", repaired.Take(3).Select(o => $"\"{o.Title}\"")) + (repaired.Count > 3 ? $" and {repaired.Count - 3} more" : "");
                await activity.RecordAsync(ActivityKind.Reconciliation, ActivitySeverity.Info,
                    $"{run.Trigger}: brought {repaired.Count} linked products of {store?.Name ?? "a removed Source"} in step ({string.Join(", ", what)}): {titles}.",
                    store?.Id, store?.Name, cancellationToken: CancellationToken.None);
            }
            if (failed.Count > 0)
            {
                await activity.RecordAsync(ActivityKind.Failure, ActivitySeverity.Error,
                    $"{run.Trigger}: {failed.Count} linked product{(failed.Count == 1 ? "" : "s")} could not be checked or repaired and will be tried again: {failed[0].Message}",
                    store?.Id, store?.Name, cancellationToken: CancellationToken.None);
            }
        }
    }

    /// <summary>The Source store of each outcome's link (by link id), for the Activity Log's Store column; missing when the link is gone.</summary>
    private async Task<Dictionary<long, (int Id, string Name)?>> SourcesOfAsync(IReadOnlyList<LinkOutcome> outcomes)
    {
        var linkIds = outcomes.Select(o => o.LinkId).Distinct().ToList();
        await using var db = await dbFactory.CreateDbContextAsync(CancellationToken.None);
        var result = new Dictionary<long, (int Id, string Name)?>();
        foreach (var chunk in linkIds.Chunk(500))
        {
            foreach (var row in await db.ProductLinks.AsNoTracking().Where(l => chunk.Contains(l.Id))
                .Join(db.StoreConnections.AsNoTracking(), l => l.SourceStoreId, c => c.Id, (l, c) => new { l.Id, StoreId = c.Id, c.Name })
                .ToListAsync(CancellationToken.None))
            {
                result[row.Id] = (row.StoreId, row.Name);
            }
        }
        return result;
    }

    /// <summary>What a change is about, without its counts: "stock of 2 variants" → "stock", "3 prices" → "prices".</summary>
    private static string Subject(string change) => change switch
    {
        _ when change.StartsWith("stock", StringComparison.Ordinal) => "stock",
        _ when change.StartsWith("status", StringComparison.Ordinal) => "status",
        _ when change.Contains("price", StringComparison.Ordinal) => "prices",
        _ when change.Contains("inventory setting", StringComparison.Ordinal) => "inventory settings",
        _ when change.EndsWith(" added", StringComparison.Ordinal) => "variants added",
        _ when change.EndsWith(" removed", StringComparison.Ordinal) => "variants removed",
        _ => change,
    };
}
