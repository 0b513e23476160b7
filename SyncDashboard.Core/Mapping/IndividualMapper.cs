using Microsoft.EntityFrameworkCore;
using SyncDashboard.Core.Activity;
using SyncDashboard.Core.Catalogue;
using SyncDashboard.Core.Connections;
using SyncDashboard.Core.Linking;
using SyncDashboard.Core.Persistence;

namespace SyncDashboard.Core.Mapping;

/// <summary>
/// Maps one Source product to one Destination product by hand, variant by variant: offers the
/// Destination products most likely the same first (<see cref="CandidateRanking"/>), proposes pairs
/// by SKU, else by option values (<see cref="VariantPairing"/>), validates the merchant's choice (one to one, every variant paired, the same number of
/// variants, neither side linked elsewhere) and saves the link, which the reconciliation then brings
/// in step at once (the Destination's stock becomes the Source's). Saving the pairs of two products
/// already linked to each other re-pairs them: that is how a mapped link left out of step by a
/// variant change at the Source is resolved. Unmaps again.
/// </summary>
public sealed class IndividualMapper(IDbContextFactory<SyncDbContext> dbFactory, LinkStore links, ActivityLog activity, Users.DashboardActors actors) : IIndividualMapper
{
    /// <summary>How many products each way of finding candidates contributes before they are ranked (SKU owners, title order); a title word brings a quarter as many.</summary>
    private const int CandidatePool = 200;

    /// <summary>
    /// The Destination products <see cref="CandidateRanking"/> ranks for the Source product: those holding any
    /// of its SKUs, those sharing a word of its title and the first ones by title, all among the products
    /// the term finds (<see cref="ProductSearch.Matching"/>); the best <paramref name="limit"/> of them.
    /// </summary>
    public async Task<IReadOnlyList<MappingCandidate>> SearchDestinationAsync(long sourceProductId, string? term, int limit = 20,
        CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var destination = await DestinationAsync(db, cancellationToken);
        var source = await db.Products.AsNoTracking().Where(p => p.Id == sourceProductId)
                .Select(p => new { p.Title, p.VariantCount, Skus = p.Variants.OrderBy(v => v.Position).Select(v => v.Sku).ToList() })
                .FirstOrDefaultAsync(cancellationToken)
            ?? throw new KeyNotFoundException("The Source product is no longer in the catalogue.");
        var products = db.Products.AsNoTracking().Where(p => p.StoreId == destination.Id).Matching(term);

        var ids = new HashSet<long>();
        // The products holding any of its SKUs come first, wherever the alphabet puts them.
        var skus = SkuMatching.Skus(source.Skus).ToArray();
        if (skus.Length > 0)
        {
            var owners = db.Variants.Where(v => v.StoreId == destination.Id && v.NormalizedSku != null && skus.Contains(v.NormalizedSku));
            ids.UnionWith(await products.Where(p => owners.Any(v => v.ProductId == p.Id)).OrderBy(p => p.Id).Select(p => p.Id).Take(CandidatePool).ToListAsync(cancellationToken));
        }
        // Then those sharing the longest words of its title (a listing's title is often the Source's), and the first by title.
        foreach (var word in CandidateRanking.TitleWords(source.Title).Where(w => w.Length >= 3).OrderByDescending(w => w.Length).ThenBy(w => w, StringComparer.Ordinal).Take(4))
        {
            ids.UnionWith(await products.Matching(word).OrderBy(p => p.Title).Select(p => p.Id).Take(CandidatePool / 4).ToListAsync(cancellationToken));
        }
        ids.UnionWith(await products.OrderBy(p => p.Title).Select(p => p.Id).Take(CandidatePool).ToListAsync(cancellationToken));

        var found = await db.Products.AsNoTracking().Where(p => ids.Contains(p.Id))
            .Select(p => new { p.Id, p.ExternalId, p.Title, p.Vendor, p.VariantCount, Skus = p.Variants.OrderBy(v => v.Position).Select(v => v.Sku).ToList() })
            .ToListAsync(cancellationToken);
        var externalIds = found.Select(p => p.ExternalId).ToList();
        var linked = (await db.ProductLinks.AsNoTracking()
            .Where(l => l.DestinationStoreId == destination.Id && externalIds.Contains(l.DestinationProductId))
            .Select(l => l.DestinationProductId).ToListAsync(cancellationToken)).ToHashSet();
        var ranked = CandidateRanking.Rank(source.Title, source.Skus, source.VariantCount,
            found.Select(p => new MappingCandidate(p.Id, p.ExternalId, p.Title, p.Vendor, p.VariantCount,
                [.. p.Skus.Where(s => !string.IsNullOrEmpty(s)).Select(s => s!)], linked.Contains(p.ExternalId))));
        return [.. ranked.Take(Math.Clamp(limit, 1, 100))];
    }

    public async Task<MappingProposal> ProposeAsync(long sourceProductId, long destinationProductId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var (source, target) = await LoadAsync(db, sourceProductId, destinationProductId, cancellationToken);
        var sourceVariants = Variants(source);
        var targetVariants = Variants(target);
        string? warning = null;
        if (!UnavailableSource.IsAvailable(source.Status))
        {
            var store = await db.StoreConnections.AsNoTracking().FirstAsync(c => c.Id == source.StoreId, cancellationToken);
            warning = UnavailableSource.Warning(source.Title, source.Status!, store);
        }
        return new MappingProposal(source.Id, source.Title, sourceVariants, target.Id, target.Title, targetVariants,
            VariantPairing.Propose(sourceVariants, targetVariants)) { SourceWarning = warning };
    }

    /// <summary>Every reason the pairs cannot be saved; empty when they can.</summary>
    public async Task<IReadOnlyList<string>> ValidateAsync(long sourceProductId, long destinationProductId, IReadOnlyList<VariantPair> pairs,
        CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var (source, target) = await LoadAsync(db, sourceProductId, destinationProductId, cancellationToken);
        return await ValidateAsync(db, source, target, pairs, cancellationToken);
    }

    /// <summary>Saves the link, or returns the reasons it cannot be saved.</summary>
    public async Task<IReadOnlyList<string>> SaveAsync(long sourceProductId, long destinationProductId, IReadOnlyList<VariantPair> pairs,
        CancellationToken cancellationToken = default)
    {
        actors.DemandOperator("map products");
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var (source, target) = await LoadAsync(db, sourceProductId, destinationProductId, cancellationToken);
        var problems = await ValidateAsync(db, source, target, pairs, cancellationToken);
        if (problems.Count > 0)
        {
            return problems;
        }
        var sourceVariants = source.Variants.ToDictionary(v => v.Id);
        var targetVariants = target.Variants.ToDictionary(v => v.Id);
        List<VariantLink> variantLinks = [.. pairs.Select(p => new VariantLink
        {
            SourceVariantId = sourceVariants[p.SourceVariantId].ExternalId,
            SourceInventoryItemId = sourceVariants[p.SourceVariantId].InventoryItemId ?? 0,
            DestinationVariantId = targetVariants[p.DestinationVariantId!.Value].ExternalId,
            DestinationInventoryItemId = targetVariants[p.DestinationVariantId!.Value].InventoryItemId ?? 0,
            Sku = sourceVariants[p.SourceVariantId].Sku,
        })];
        var existing = await ExistingLinkAsync(db, source, target, cancellationToken);
        try
        {
            if (existing is not null)
            {
                await links.ReplaceVariantsAsync(existing.Id, variantLinks, cancellationToken);
            }
            else
            {
                await links.CreateAsync(new NewLink(source.StoreId, source.ExternalId, target.StoreId, target.ExternalId, LinkKind.Mapped, variantLinks),
                    cancellationToken);
            }
        }
        catch (LinkConflictException e)
        {
            return [e.Message];
        }
        await activity.RecordAsync(ActivityKind.Map, ActivitySeverity.Success,
            existing is not null
                ? $"Paired the variants of \"{source.Title}\" and \"{target.Title}\" again ({pairs.Count} variant{(pairs.Count == 1 ? "" : "s")})."
                : $"Mapped \"{source.Title}\" to \"{target.Title}\" ({pairs.Count} variant{(pairs.Count == 1 ? "" : "s")}).",
            source.StoreId, null, source.ExternalId, source.Title, source.Variants.FirstOrDefault()?.Sku, cancellationToken);
        return [];
    }

    /// <summary>Removes the link of a mapped Source product; both products stay in their stores.</summary>
    public async Task<bool> UnmapAsync(long sourceProductId, CancellationToken cancellationToken = default)
    {
        actors.DemandOperator("unmap products");
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var source = await db.Products.FirstOrDefaultAsync(p => p.Id == sourceProductId, cancellationToken);
        if (source is null)
        {
            return false;
        }
        var link = await db.ProductLinks.AsNoTracking().FirstOrDefaultAsync(l => l.SourceStoreId == source.StoreId && l.SourceProductId == source.ExternalId, cancellationToken);
        if (link is null || !await links.RemoveAsync(link.Id, cancellationToken))
        {
            return false;
        }
        await activity.RecordAsync(ActivityKind.Unmap, ActivitySeverity.Success, $"Unmapped \"{source.Title}\".",
            source.StoreId, null, source.ExternalId, source.Title, null, cancellationToken);
        return true;
    }

    public async Task<long?> LinkedDestinationAsync(long sourceProductId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var source = await db.Products.AsNoTracking().FirstOrDefaultAsync(p => p.Id == sourceProductId, cancellationToken);
        if (source is null)
        {
            return null;
        }
        var link = await db.ProductLinks.AsNoTracking()
            .FirstOrDefaultAsync(l => l.SourceStoreId == source.StoreId && l.SourceProductId == source.ExternalId && l.Kind == LinkKind.Mapped, cancellationToken);
        return link is null
            ? null
            : await db.Products.AsNoTracking().Where(p => p.StoreId == link.DestinationStoreId && p.ExternalId == link.DestinationProductId)
                .Select(p => (long?)p.Id).FirstOrDefaultAsync(cancellationToken);
    }

    private static async Task<IReadOnlyList<string>> ValidateAsync(SyncDbContext db, MirroredProduct source, MirroredProduct target,
        IReadOnlyList<VariantPair> pairs, CancellationToken cancellationToken)
    {
        var problems = new List<string>();
        if (SkuMatching.VariantCountBlocker([.. source.Variants.OrderBy(v => v.Position).Select(v => v.Sku)], [.. target.Variants.OrderBy(v => v.Position).Select(v => v.Sku)]) is { } blocker)
        {
            problems.Add(char.ToUpperInvariant(blocker[0]) + blocker[1..]);
        }
        var sourceIds = source.Variants.Select(v => v.Id).ToHashSet();
        var targetIds = target.Variants.ToDictionary(v => v.Id);
        foreach (var unknown in pairs.Where(p => !sourceIds.Contains(p.SourceVariantId)))
        {
            problems.Add($"Variant {unknown.SourceVariantId} is not a variant of \"{source.Title}\".");
        }
        foreach (var unknown in pairs.Where(p => p.DestinationVariantId is { } id && !targetIds.ContainsKey(id)))
        {
            problems.Add($"Variant {unknown.DestinationVariantId} is not a variant of \"{target.Title}\".");
        }
        var paired = pairs.Where(p => p.DestinationVariantId is not null).Select(p => p.SourceVariantId).ToHashSet();
        foreach (var variant in source.Variants.Where(v => !paired.Contains(v.Id)).OrderBy(v => v.Position))
        {
            problems.Add($"Source variant \"{variant.Title}\" ({Sku(variant)}) is not paired with a Destination variant.");
        }
        foreach (var twice in pairs.Where(p => p.DestinationVariantId is not null).GroupBy(p => p.DestinationVariantId!.Value).Where(g => g.Count() > 1))
        {
            var variant = targetIds.GetValueOrDefault(twice.Key);
            problems.Add($"Destination variant \"{variant?.Title}\" ({(variant is null ? "?" : Sku(variant))}) is chosen {twice.Count()} times.");
        }
        foreach (var twice in pairs.GroupBy(p => p.SourceVariantId).Where(g => g.Count() > 1))
        {
            problems.Add($"Source variant {twice.Key} is paired more than once.");
        }
        // Two products linked to each other may be paired again; a link to anything else refuses.
        var pairedToEachOther = await ExistingLinkAsync(db, source, target, cancellationToken) is not null;
        if (!pairedToEachOther && await db.ProductLinks.AnyAsync(l => l.SourceStoreId == source.StoreId && l.SourceProductId == source.ExternalId, cancellationToken))
        {
            problems.Add($"\"{source.Title}\" is already linked to a Destination product.");
        }
        if (!pairedToEachOther && await db.ProductLinks.AnyAsync(l => l.DestinationStoreId == target.StoreId && l.DestinationProductId == target.ExternalId, cancellationToken))
        {
            problems.Add($"\"{target.Title}\" in the Destination is already linked to another Source product.");
        }
        return problems;
    }

    private static Task<ProductLink?> ExistingLinkAsync(SyncDbContext db, MirroredProduct source, MirroredProduct target, CancellationToken cancellationToken) =>
        db.ProductLinks.AsNoTracking().FirstOrDefaultAsync(l => l.SourceStoreId == source.StoreId && l.SourceProductId == source.ExternalId
            && l.DestinationStoreId == target.StoreId && l.DestinationProductId == target.ExternalId, cancellationToken);

    private static async Task<(MirroredProduct Source, MirroredProduct Destination)> LoadAsync(SyncDbContext db, long sourceProductId,
        long destinationProductId, CancellationToken cancellationToken)
    {
        var source = await db.Products.Include(p => p.Variants).FirstOrDefaultAsync(p => p.Id == sourceProductId, cancellationToken)
            ?? throw new KeyNotFoundException("The Source product is no longer in the catalogue.");
        var destination = await db.Products.Include(p => p.Variants).FirstOrDefaultAsync(p => p.Id == destinationProductId, cancellationToken)
            ?? throw new KeyNotFoundException("The Destination product is no longer in the catalogue.");
        var destinationStore = await DestinationAsync(db, cancellationToken);
        if (destination.StoreId != destinationStore.Id || source.StoreId == destinationStore.Id)
        {
            throw new ArgumentException("Map a Source product to a Destination product.");
        }
        return (source, destination);
    }

    private static async Task<StoreConnection> DestinationAsync(SyncDbContext db, CancellationToken cancellationToken) =>
        await db.StoreConnections.AsNoTracking()
            .FirstOrDefaultAsync(c => c.Role == StoreRole.Destination && c.Status != ConnectionStatus.Disconnected, cancellationToken)
        ?? throw new InvalidOperationException("No Destination store is connected.");

    private static List<MappingVariant> Variants(MirroredProduct product) =>
        [.. product.Variants.OrderBy(v => v.Position).Select(v => new MappingVariant(v.Id, v.Title, v.Sku, v.Quantity)
        {
            OptionValues = [.. new[] { v.Option1, v.Option2, v.Option3 }.Where(o => !string.IsNullOrEmpty(o)).Select(o => o!)],
            Tracked = v.Tracked,
        })];

    private static string Sku(MirroredVariant variant) => string.IsNullOrWhiteSpace(variant.Sku) ? "no SKU" : $"SKU {variant.Sku}";
}
