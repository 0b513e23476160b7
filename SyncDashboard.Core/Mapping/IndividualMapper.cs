using Microsoft.EntityFrameworkCore;
using SyncDashboard.Core.Activity;
using SyncDashboard.Core.Catalogue;
using SyncDashboard.Core.Connections;
using SyncDashboard.Core.Linking;
using SyncDashboard.Core.Persistence;

namespace SyncDashboard.Core.Mapping;

/// <summary>
/// Maps one Source product to one Destination product by hand, variant by variant: suggests pairs
/// by SKU, validates the merchant's choice (one to one, every variant paired, the same number of
/// variants, neither side linked elsewhere) and saves the link, which the reconciliation then brings
/// in step at once (the Destination's stock becomes the Source's). Saving the pairs of two products
/// already linked to each other re-pairs them: that is how a mapped link left out of step by a
/// variant change at the Source is resolved. Unmaps again.
/// </summary>
public sealed class IndividualMapper(IDbContextFactory<SyncDbContext> dbFactory, LinkStore links, ActivityLog activity, Users.DashboardActors actors) : IIndividualMapper
{
    /// <summary>Destination products whose title or SKU contains <paramref name="term"/>.</summary>
    public async Task<IReadOnlyList<MappingCandidate>> SearchDestinationAsync(string? term, int limit = 20, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var destination = await DestinationAsync(db, cancellationToken);
        var products = db.Products.AsNoTracking().Where(p => p.StoreId == destination.Id);
        products = products.Matching(term);
        var found = await products.OrderBy(p => p.Title).Take(Math.Clamp(limit, 1, 100))
            .Select(p => new { p.Id, p.ExternalId, p.Title, p.Vendor, p.VariantCount, Skus = p.Variants.OrderBy(v => v.Position).Select(v => v.Sku).ToList() })
            .ToListAsync(cancellationToken);
        var externalIds = found.Select(p => p.ExternalId).ToList();
        var linked = (await db.ProductLinks.AsNoTracking()
            .Where(l => l.DestinationStoreId == destination.Id && externalIds.Contains(l.DestinationProductId))
            .Select(l => l.DestinationProductId).ToListAsync(cancellationToken)).ToHashSet();
        return [.. found.Select(p => new MappingCandidate(p.Id, p.ExternalId, p.Title, p.Vendor, p.VariantCount,
            [.. p.Skus.Where(s => !string.IsNullOrEmpty(s)).Select(s => s!)], linked.Contains(p.ExternalId)))];
    }

    public async Task<MappingProposal> ProposeAsync(long sourceProductId, long destinationProductId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var (source, target) = await LoadAsync(db, sourceProductId, destinationProductId, cancellationToken);
        var bySku = target.Variants.Where(v => v.NormalizedSku is not null)
            .GroupBy(v => v.NormalizedSku!).Where(g => g.Count() == 1).ToDictionary(g => g.Key, g => g.Single().Id);
        var pairs = source.Variants.OrderBy(v => v.Position)
            .Select(v => new VariantPair(v.Id, v.NormalizedSku is not null && bySku.TryGetValue(v.NormalizedSku, out var id) ? id : null))
            .ToList();
        string? warning = null;
        if (!UnavailableSource.IsAvailable(source.Status))
        {
            var store = await db.StoreConnections.AsNoTracking().FirstAsync(c => c.Id == source.StoreId, cancellationToken);
            warning = UnavailableSource.Warning(source.Title, source.Status!, store);
        }
        return new MappingProposal(source.Id, source.Title, Variants(source), target.Id, target.Title, Variants(target), pairs) { SourceWarning = warning };
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
        [.. product.Variants.OrderBy(v => v.Position).Select(v => new MappingVariant(v.Id, v.Title, v.Sku, v.Quantity))];

    private static string Sku(MirroredVariant variant) => string.IsNullOrWhiteSpace(variant.Sku) ? "no SKU" : $"SKU {variant.Sku}";
}
