namespace SyncDashboard.Core.Mapping;

/// <summary>Maps one Source product to a chosen Destination product, variant by variant.</summary>
public interface IIndividualMapper
{
    Task<IReadOnlyList<MappingCandidate>> SearchDestinationAsync(string? term, int limit = 20, CancellationToken cancellationToken = default);

    /// <summary>Both products' variants with the pairs their SKUs suggest.</summary>
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
