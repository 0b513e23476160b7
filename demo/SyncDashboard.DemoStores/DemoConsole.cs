using Microsoft.EntityFrameworkCore;
using SyncDashboard.Core.Catalogue;
using SyncDashboard.Core.Connections;
using SyncDashboard.Core.Persistence;
using SyncDashboard.Core.Stores;

namespace SyncDashboard.DemoStores;

/// <summary>
/// The demo console: changes a Source product's stock or title in its (demo) store through the
/// store's own API, as the merchant of that store would, so a user can watch the Destination follow.
/// </summary>
public sealed class DemoConsole(IDbContextFactory<SyncDbContext> dbFactory, StoreConnectionService connections, SyncDashboard.Core.Users.DashboardActors actors) : IDemoConsole
{
    /// <summary>Sets the stock of a mirrored variant in its store; returns the level the store reports.</summary>
    public async Task<int?> SetQuantityAsync(long mirroredVariantId, int quantity, CancellationToken cancellationToken = default)
    {
        actors.DemandOperator("change the demo stores");
        var (variant, connection) = await FindAsync(mirroredVariantId, cancellationToken);
        var client = connections.ClientFor(connection);
        // The location the Source's stock rule counts, or (when it counts all) the store's primary one.
        var locationId = connection.LocationId ?? (await client.GetShopAsync(cancellationToken)).PrimaryLocationId
            ?? throw new InvalidOperationException($"{connection.Name} has no location.");
        var level = await client.SetInventoryLevelAsync(variant.InventoryItemId!.Value, locationId, quantity, cancellationToken);
        return level.Available;
    }

    /// <summary>Renames a mirrored product in its store.</summary>
    public async Task RenameAsync(long mirroredProductId, string title, CancellationToken cancellationToken = default)
    {
        actors.DemandOperator("change the demo stores");
        if (string.IsNullOrWhiteSpace(title))
        {
            throw new ArgumentException("The title cannot be empty.", nameof(title));
        }
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var product = await db.Products.AsNoTracking().FirstOrDefaultAsync(p => p.Id == mirroredProductId, cancellationToken)
            ?? throw new KeyNotFoundException("The product is no longer in the catalogue.");
        var connection = await db.StoreConnections.AsNoTracking().FirstAsync(c => c.Id == product.StoreId, cancellationToken);
        await connections.ClientFor(connection).UpdateProductAsync(product.ExternalId, new StoreProductUpdate { Title = title.Trim() }, cancellationToken);
    }

    private async Task<(MirroredVariant Variant, StoreConnection Connection)> FindAsync(long mirroredVariantId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var variant = await db.Variants.AsNoTracking().FirstOrDefaultAsync(v => v.Id == mirroredVariantId, cancellationToken)
            ?? throw new KeyNotFoundException("The variant is no longer in the catalogue.");
        var connection = await db.StoreConnections.AsNoTracking().FirstAsync(c => c.Id == variant.StoreId, cancellationToken);
        return (variant, connection);
    }
}
