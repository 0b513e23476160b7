namespace SyncDashboard.Core.Mapping;

/// <summary>One variant as the mapper shows it.</summary>
public sealed record MappingVariant(long Id, string? Title, string? Sku, int Quantity);
