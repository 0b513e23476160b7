using Microsoft.EntityFrameworkCore;
using SyncDashboard.Core.Catalogue;
using SyncDashboard.DemoStores;
using SyncDashboard.DemoStores.Seeding;
using SyncDashboard.Core.Linking;
using SyncDashboard.Core.Mapping;
using SyncDashboard.Core.Stores;
using SyncDashboard.Tests.Infrastructure;

namespace SyncDashboard.Tests.Engine;

/// <summary>The Bulk Mapper against generated catalogues with known answers, and the Individual Mapper's rules.</summary>
public abstract class MapperTests(StoreApi adapter) : EngineTestBase(adapter)
{
    /// <summary>These tests over the GraphQL Admin API.</summary>
    public sealed class GraphQL() : MapperTests(StoreApi.GraphQL);

    /// <summary>These tests over the REST Admin API.</summary>
    public sealed class Rest() : MapperTests(StoreApi.Rest);

    private static readonly DemoCatalogueOptions Catalogue = new()
    {
        Seed = 2026,
        ProductsPerSource = 40,
        DestinationOnlyProducts = 10,
        DuplicateSkuShare = 0.1,
    };

    [Fact]
    public async Task BulkMapperLinksExactlyTheExpectedProductsAndGivesEveryOtherOneItsReason()
    {
        var expected = CatalogueGenerator.Generate(Catalogue, ["urban-threads", "hearth-and-home"]).Expectations
            .ToDictionary(e => e.DestinationHandle);
        var destination = await ConnectionAsync("Northwind Outlet");
        await using var db = await DbAsync();
        var handles = await db.Products.AsNoTracking().Where(p => p.StoreId == destination.Id)
            .ToDictionaryAsync(p => p.ExternalId, p => p.Handle!);

        var dryRun = await Get<BulkMapper>().RunAsync(dryRun: true);
        Assert.Equal(0, await db.ProductLinks.CountAsync());
        var report = await Get<BulkMapper>().RunAsync(dryRun: false);

        Assert.Equal(expected.Count, report.Lines.Count);
        Assert.Equal(dryRun.Lines.Select(l => (l.DestinationProductId, l.Outcome)), report.Lines.Select(l => (l.DestinationProductId, l.Outcome)));
        foreach (var line in report.Lines)
        {
            var answer = expected[handles[line.DestinationProductId]];
            Assert.Equal(ToOutcome(answer.Outcome), line.Outcome);
            Assert.False(string.IsNullOrWhiteSpace(line.Reason));
        }
        foreach (var outcome in new[] { MappingOutcome.Mapped, MappingOutcome.NoMatch, MappingOutcome.VariantCountDiffers, MappingOutcome.PartialSkuMatch, MappingOutcome.DuplicateSku, MappingOutcome.MissingSku })
        {
            Assert.True(report.Count(outcome) > 0, $"the generated catalogues should exercise {outcome}");
        }

        // The dry run warns, line by line and in its count, about listings whose Source product is not active.
        var statuses = await db.Products.AsNoTracking().Where(p => p.StoreId != destination.Id).ToDictionaryAsync(p => (p.StoreId, p.ExternalId), p => p.Status);
        foreach (var line in dryRun.Lines.Where(l => l.Outcome == MappingOutcome.Mapped))
        {
            var active = statuses[(line.SourceStoreId!.Value, line.SourceProductId!.Value)] is null or "active";
            Assert.Equal(!active, line.SourceUnavailable);
            Assert.Equal(!active, line.Reason.Contains("until it is active again, this listing's stock is held at 0", StringComparison.Ordinal));
        }
        Assert.Equal(dryRun.Lines.Count(l => l.SourceUnavailable), dryRun.SourceUnavailableCount);
        Assert.True(dryRun.SourceUnavailableCount > 0, "the generated catalogues should map some listings to draft or archived Source products");

        var links = await db.ProductLinks.AsNoTracking().Include(l => l.Variants).ToListAsync();
        Assert.Equal(report.Count(MappingOutcome.Mapped), links.Count);
        Assert.All(links, l => Assert.Equal(LinkKind.Mapped, l.Kind));
        Assert.All(links, l => Assert.All(l.Variants, v => Assert.True(v.SourceInventoryItemId > 0 && v.DestinationInventoryItemId > 0)));
        Assert.Equal(links.Count, await db.Products.CountAsync(p => p.StoreId == destination.Id && p.SyncState == SyncState.Mapped));

        var second = await Get<BulkMapper>().RunAsync(dryRun: false);
        Assert.Equal(links.Count, second.Count(MappingOutcome.AlreadyLinked));
        Assert.Equal(0, second.Count(MappingOutcome.Mapped));
    }

    [Fact]
    public async Task IndividualMapperSuggestsBySkuValidatesAndSaves()
    {
        var mapper = Get<IndividualMapper>();
        var urban = await ConnectionAsync("Urban Threads");
        var destination = await ConnectionAsync("Northwind Outlet");
        await using var db = await DbAsync();
        var copy = await db.Products.AsNoTracking().Include(p => p.Variants)
            .Where(p => p.StoreId == destination.Id && p.Problem == SkuProblem.None && p.VariantCount >= 2)
            .ToListAsync();
        var sourceSkus = await db.Variants.AsNoTracking().Where(v => v.StoreId == urban.Id && v.NormalizedSku != null)
            .Select(v => new { v.NormalizedSku, v.ProductId }).ToListAsync();
        var (target, sourceId) = copy
            .Select(p => (p, sourceSkus.Where(s => p.Variants.Select(v => v.NormalizedSku).Contains(s.NormalizedSku)).Select(s => s.ProductId).Distinct().ToList()))
            .Where(x => x.Item2.Count == 1)
            .Select(x => (x.p, x.Item2[0]))
            .First(x => db.Products.Single(p => p.Id == x.Item2).VariantCount == x.p.VariantCount);

        var found = await mapper.SearchDestinationAsync(sourceId, target.Variants[0].Sku);
        Assert.Contains(found, c => c.Id == target.Id);

        var proposal = await mapper.ProposeAsync(sourceId, target.Id);
        Assert.Equal(proposal.SourceVariants.Count, proposal.SuggestedPairs.Count);

        var twice = proposal.SuggestedPairs.Select(p => p with { DestinationVariantId = proposal.DestinationVariants[0].Id }).ToList();
        var problems = await mapper.ValidateAsync(sourceId, target.Id, twice);
        Assert.Contains(problems, p => p.Contains("is chosen") && p.Contains("times"));

        var unpaired = proposal.SuggestedPairs.Select((p, i) => i == 0 ? p with { DestinationVariantId = null } : p).ToList();
        problems = await mapper.ValidateAsync(sourceId, target.Id, unpaired);
        Assert.Contains(problems, p => p.Contains("is not paired"));

        var other = await db.Products.AsNoTracking().FirstAsync(p => p.StoreId == destination.Id && p.VariantCount != proposal.SourceVariants.Count);
        problems = await mapper.ValidateAsync(sourceId, other.Id, []);
        Assert.Contains(problems, p => p.StartsWith("The products have different numbers of variants"));

        Assert.Empty(await mapper.SaveAsync(sourceId, target.Id, proposal.SuggestedPairs));
        Assert.Equal(SyncState.Mapped, (await db.Products.AsNoTracking().SingleAsync(p => p.Id == sourceId)).SyncState);
        // The two linked products may be paired again (how an out-of-step mapped link is resolved) ...
        Assert.Empty(await mapper.ValidateAsync(sourceId, target.Id, proposal.SuggestedPairs));
        Assert.Equal(target.Id, await mapper.LinkedDestinationAsync(sourceId));
        // ... but neither may be linked to anything else.
        var elsewhere = await db.Products.AsNoTracking().FirstAsync(p => p.StoreId == destination.Id && p.Id != target.Id && p.VariantCount == proposal.SourceVariants.Count);
        problems = await mapper.ValidateAsync(sourceId, elsewhere.Id, []);
        Assert.Contains(problems, p => p.Contains("already linked"));

        Assert.True(await mapper.UnmapAsync(sourceId));
        Assert.Equal(0, await db.ProductLinks.CountAsync());
        Assert.Equal(SyncState.NotSynced, (await db.Products.AsNoTracking().SingleAsync(p => p.Id == target.Id)).SyncState);
    }

    /// <summary>
    /// A Destination product where only some SKUs match one Source product (the generator changed one SKU of a copy):
    /// the Bulk Mapper's line names the Source store and both products, the Individual Mapper offers that
    /// Destination product first, pairs the changed variant by its option values and saves the link, and the
    /// reconciliation brings that variant's stock in step with the Source's.
    /// </summary>
    [Fact]
    public async Task APartialSkuMatchIsSettledInTheIndividualMapperPairingTheChangedVariantByItsOptionValues()
    {
        var mapper = Get<IndividualMapper>();
        var destination = await ConnectionAsync("Northwind Outlet");
        await using var db = await DbAsync();
        var mirrored = await db.Products.AsNoTracking().ToDictionaryAsync(p => (p.StoreId, p.ExternalId), p => p.Id);
        var storeNames = await db.StoreConnections.AsNoTracking().ToDictionaryAsync(c => c.Id, c => c.Name);

        var report = await Get<BulkMapper>().RunAsync(dryRun: true);
        foreach (var each in report.Lines)
        {
            Assert.Equal(mirrored[(destination.Id, each.DestinationProductId)], each.DestinationMirroredId);
            Assert.Equal(each.SourceStoreId is { } store ? storeNames[store] : null, each.SourceStoreName);
            Assert.Equal(each.SourceProductId is { } product ? mirrored[(each.SourceStoreId!.Value, product)] : null, each.SourceMirroredId);
        }
        Assert.Contains(report.Lines, l => l.SourceStoreName == "Urban Threads");
        Assert.Contains(report.Lines, l => l.SourceStoreName == "Hearth & Home");
        var line = report.Lines.First(l => l.CanMapByHand);
        Assert.Equal(MappingOutcome.PartialSkuMatch, line.Outcome);
        var sourceId = line.SourceMirroredId!.Value;
        var targetId = line.DestinationMirroredId!.Value;
        var source = await db.Products.AsNoTracking().Include(p => p.Variants).SingleAsync(p => p.Id == sourceId);
        var target = await db.Products.AsNoTracking().Include(p => p.Variants).SingleAsync(p => p.Id == targetId);

        // Offered first with no search at all, its overlap said; every candidate holds no more SKUs than the one before it.
        var candidates = await mapper.SearchDestinationAsync(sourceId, null);
        Assert.Equal(targetId, candidates[0].Id);
        Assert.Equal($"{source.Variants.Count - 1} of {source.Variants.Count} SKUs match", candidates[0].Overlap.Text);
        Assert.Equal(candidates.Select(c => c.Overlap.Shared).OrderDescending(), candidates.Select(c => c.Overlap.Shared));
        // The search box still filters: the changed SKU finds the product, a term nothing has finds nothing.
        var changed = target.Variants.Single(v => source.Variants.All(s => s.NormalizedSku != v.NormalizedSku));
        Assert.Equal([targetId], (await mapper.SearchDestinationAsync(sourceId, changed.Sku!.ToLowerInvariant())).Select(c => c.Id));
        Assert.Empty(await mapper.SearchDestinationAsync(sourceId, "no product has this"));

        var proposal = await mapper.ProposeAsync(sourceId, targetId);
        var byOptions = Assert.Single(proposal.Proposed, p => p.Basis == PairBasis.OptionValues);
        Assert.Equal(changed.Id, byOptions.DestinationVariantId);
        Assert.All(proposal.Proposed.Where(p => p != byOptions), p => Assert.Equal(PairBasis.Sku, p.Basis));
        var sourceVariant = source.Variants.Single(v => v.Id == byOptions.SourceVariantId);
        Assert.Equal((sourceVariant.Option1, sourceVariant.Option2, sourceVariant.Option3), (changed.Option1, changed.Option2, changed.Option3));
        Assert.NotEqual(sourceVariant.NormalizedSku, changed.NormalizedSku);
        // The engine accepts a pair whose SKUs differ (said out loud by PairingWarnings), with the same rules as ever.
        Assert.Empty(await mapper.ValidateAsync(sourceId, targetId, proposal.SuggestedPairs));
        Assert.Single(PairingWarnings.For(proposal.SourceVariants, proposal.DestinationVariants, proposal.SuggestedPairs));

        Assert.Empty(await mapper.SaveAsync(sourceId, targetId, proposal.SuggestedPairs));
        var link = await db.ProductLinks.AsNoTracking().Include(l => l.Variants).SingleAsync(l => l.SourceProductId == source.ExternalId);
        Assert.Equal(LinkKind.Mapped, link.Kind);
        var pair = link.Variants.Single(v => v.DestinationVariantId == changed.ExternalId);
        Assert.Equal(sourceVariant.ExternalId, pair.SourceVariantId);
        var sourceStore = Dashboard.DemoStore(line.SourceStoreName == "Urban Threads" ? "urban-threads" : "hearth-and-home");
        var northwind = Dashboard.DemoStore("northwind-outlet");
        var wanted = Math.Max(0, sourceStore.Catalogue.ListInventoryLevels(new HashSet<long> { pair.SourceInventoryItemId }, null).Sum(l => l.Available ?? 0));
        await Eventually.HoldsAsync(() => northwind.Catalogue.ListInventoryLevels(new HashSet<long> { pair.DestinationInventoryItemId }, new HashSet<long> { northwind.PrimaryLocationId })
            .SingleOrDefault()?.Available == wanted, $"the option-paired Destination variant's stock becomes the Source's ({wanted})", seconds: 60);
    }

    private static MappingOutcome ToOutcome(ExpectedOutcome outcome) => outcome switch
    {
        ExpectedOutcome.Match => MappingOutcome.Mapped,
        ExpectedOutcome.NoMatch => MappingOutcome.NoMatch,
        ExpectedOutcome.VariantCountDiffers => MappingOutcome.VariantCountDiffers,
        ExpectedOutcome.PartialSkuMatch => MappingOutcome.PartialSkuMatch,
        ExpectedOutcome.MissingSku => MappingOutcome.MissingSku,
        _ => MappingOutcome.DuplicateSku,
    };
}
