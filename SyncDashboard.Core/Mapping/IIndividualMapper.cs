namespace SyncDashboard.Core.Mapping;

/// <summary>Maps one Source product to a chosen Destination product, variant by variant.</summary>
public interface IIndividualMapper
{
    /// <summary>
    /// Up to <paramref name="limit"/> (1 to 100) Destination products the Source product
    /// <paramref name="sourceProductId"/> (mirrored id) may be mapped to, whose title, vendor, tags or SKUs
    /// contain <paramref name="term"/> (any product when null or blank), most likely first
    /// (<see cref="CandidateRanking"/>), each with its <see cref="MappingCandidate.Overlap"/>.
    /// </summary>
    /// <exception cref="KeyNotFoundException">The Source product is no longer in the catalogue.</exception>
    /// <exception cref="InvalidOperationException">No Destination store is connected.</exception>
    Task<IReadOnlyList<MappingCandidate>> SearchDestinationAsync(long sourceProductId, string? term, int limit = 20, CancellationToken cancellationToken = default);

    /// <summary>Both products' variants with the pairs proposed for them, by SKU, else by option values (<see cref="VariantPairing"/>).</summary>
    Task<MappingProposal> ProposeAsync(long sourceProductId, long destinationProductId, CancellationToken cancellationToken = default);

    /// <summary>What is wrong with these pairs (empty when they can be saved).</summary>
    Task<IReadOnlyList<string>> ValidateAsync(long sourceProductId, long destinationProductId, IReadOnlyList<VariantPair> pairs,
        CancellationToken cancellationToken = default);

    /// <summary>Validates and saves the link; the problems when it was not saved.</summary>
    Task<IReadOnlyList<string>> SaveAsync(long sourceProductId, long destinationProductId, IReadOnlyList<VariantPair> pairs,
        CancellationToken cancellationToken = default);

    Task<bool> UnmapAsync(long sourceProductId, CancellationToken cancellationToken = default);

    /// <summary>The Destination product (mirrored id) a mapped Source product is linked to, to pair its variants again; null when not mapped.</summary>
    Task<long?> LinkedDestinationAsync(long sourceProductId, CancellationToken cancellationToken = default);
}
