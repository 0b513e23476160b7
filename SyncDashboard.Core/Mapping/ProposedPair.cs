namespace SyncDashboard.Core.Mapping;

/// <summary>
/// A pair the Individual Mapper proposes (<see cref="VariantPairing.Propose"/>): a Source variant, the
/// Destination variant proposed for it (null: none found) and why (<see cref="PairBasis.Sku"/> or
/// <see cref="PairBasis.OptionValues"/>; <see cref="PairBasis.Unpaired"/> when none). Ids are mirrored ids.
/// </summary>
public sealed record ProposedPair(long SourceVariantId, long? DestinationVariantId, PairBasis Basis)
{
    /// <summary>The pair as <see cref="IIndividualMapper.SaveAsync"/> takes it.</summary>
    public VariantPair ToVariantPair() => new(SourceVariantId, DestinationVariantId);
}
