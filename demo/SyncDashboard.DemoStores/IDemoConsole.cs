namespace SyncDashboard.DemoStores;

/// <summary>Acts as a Source merchant in a demo store: changes stock or a title there, so the Destination can be watched following.</summary>
public interface IDemoConsole
{
    /// <summary>Sets a mirrored variant's stock in its store; the level the store reports.</summary>
    Task<int?> SetQuantityAsync(long mirroredVariantId, int quantity, CancellationToken cancellationToken = default);

    Task RenameAsync(long mirroredProductId, string title, CancellationToken cancellationToken = default);
}
