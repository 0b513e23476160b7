namespace SyncDashboard.Core.Mapping;

/// <summary>Links every unlinked Destination product whose variants match one Source product's one to one by SKU.</summary>
public interface IBulkMapper
{
    /// <summary>Compares the catalogues and, unless <paramref name="dryRun"/>, saves the links; the report says why each product was or was not mapped.</summary>
    Task<MappingReport> RunAsync(bool dryRun, IProgress<(int Done, int Total)>? progress = null, CancellationToken cancellationToken = default);
}
