namespace SyncDashboard.Core.Mapping;

/// <summary>Source variant id to Destination variant id (null: not paired yet). Ids are mirrored ids.</summary>
public sealed record VariantPair(long SourceVariantId, long? DestinationVariantId);
