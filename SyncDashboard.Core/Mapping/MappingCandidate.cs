namespace SyncDashboard.Core.Mapping;

/// <summary>A Destination product the merchant may map to.</summary>
public sealed record MappingCandidate(long Id, long ExternalId, string Title, string? Vendor, int VariantCount, IReadOnlyList<string> Skus, bool Linked);
