using SyncDashboard.Core.Mapping;

namespace SyncDashboard.Tests.Components.Fakes;

/// <summary>
/// Offers the candidates and proposal a test sets; validation is the test's own rule
/// (<see cref="Validate"/>); saves are recorded.
/// </summary>
public sealed class TestIndividualMapper : IIndividualMapper
{
    public List<MappingCandidate> Candidates { get; } = [];
    public MappingProposal? Proposal { get; set; }
    public Func<IReadOnlyList<VariantPair>, IReadOnlyList<string>> Validate { get; set; } = _ => [];
    public List<string?> Searches { get; } = [];

    /// <summary>The Source products (mirrored ids) the searches were for, one entry a search.</summary>
    public List<long> SearchedFor { get; } = [];

    /// <summary>Every proposal asked for: which Source product with which Destination product (mirrored ids).</summary>
    public List<(long SourceProductId, long DestinationProductId)> Proposals { get; } = [];
    public List<IReadOnlyList<VariantPair>> Validated { get; } = [];
    public List<(long SourceProductId, long DestinationProductId, IReadOnlyList<VariantPair> Pairs)> Saved { get; } = [];

    /// <summary>The test's candidates in the order it set (the ranking is the real mapper's, tested on its own), filtered by the term.</summary>
    public Task<IReadOnlyList<MappingCandidate>> SearchDestinationAsync(long sourceProductId, string? term, int limit = 20, CancellationToken cancellationToken = default)
    {
        Searches.Add(term);
        SearchedFor.Add(sourceProductId);
        return Task.FromResult<IReadOnlyList<MappingCandidate>>(
            [.. Candidates.Where(c => string.IsNullOrEmpty(term) || c.Title.Contains(term, StringComparison.OrdinalIgnoreCase) || c.Skus.Contains(term))]);
    }

    public Task<MappingProposal> ProposeAsync(long sourceProductId, long destinationProductId, CancellationToken cancellationToken = default)
    {
        Proposals.Add((sourceProductId, destinationProductId));
        return Task.FromResult(Proposal ?? throw new InvalidOperationException("The test set no proposal."));
    }

    public Task<IReadOnlyList<string>> ValidateAsync(long sourceProductId, long destinationProductId, IReadOnlyList<VariantPair> pairs,
        CancellationToken cancellationToken = default)
    {
        Validated.Add([.. pairs]);
        return Task.FromResult(Validate(pairs));
    }

    public Task<IReadOnlyList<string>> SaveAsync(long sourceProductId, long destinationProductId, IReadOnlyList<VariantPair> pairs,
        CancellationToken cancellationToken = default)
    {
        var problems = Validate(pairs);
        if (problems.Count == 0)
        {
            Saved.Add((sourceProductId, destinationProductId, [.. pairs]));
        }
        return Task.FromResult(problems);
    }

    public Task<bool> UnmapAsync(long sourceProductId, CancellationToken cancellationToken = default) => Task.FromResult(false);

    /// <summary>The Destination product a test says the Source product is mapped to (none by default).</summary>
    public Dictionary<long, long> LinkedDestinations { get; } = [];

    public Task<long?> LinkedDestinationAsync(long sourceProductId, CancellationToken cancellationToken = default) =>
        Task.FromResult(LinkedDestinations.TryGetValue(sourceProductId, out var id) ? id : (long?)null);
}
