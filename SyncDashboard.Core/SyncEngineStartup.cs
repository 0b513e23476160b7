using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SyncDashboard.Core.Catalogue;
using SyncDashboard.Core.Connections;
using SyncDashboard.Core.Persistence;
using SyncDashboard.Core.Stores;
using SyncDashboard.Core.Syncing;
using SyncDashboard.Core.Webhooks;

namespace SyncDashboard.Core;

/// <summary>
/// Brings the sync engine up with the app: applies the database migrations, connects the
/// configured stores on a fresh database, then (once the app listens, so webhooks have somewhere
/// to go) reads every store's catalogue and subscribes its webhooks. <see cref="Ready"/> completes
/// when that first read is done.
/// </summary>
public sealed class SyncEngineStartup(
    IDbContextFactory<SyncDbContext> dbFactory,
    ConnectionSeeder seeder,
    StoreConnectionService connections,
    CatalogueRefresher refresher,
    WebhookSubscriptions webhooks,
    ChangeRouter router,
    IHostApplicationLifetime lifetime,
    WebhookAddress webhookAddress,
    EngineReadiness readiness,
    ILogger<SyncEngineStartup> logger) : IHostedService
{
    /// <summary>Completes when every store's catalogue has been read once after start-up.</summary>
    public Task Ready => readiness.Ready;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        bool fresh;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            fresh = !(await db.Database.GetAppliedMigrationsAsync(cancellationToken)).Any();
            await db.Database.MigrateAsync(cancellationToken);
            // Write-ahead logging: the grid reads while webhooks, the reconciliation and jobs write.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }
        readiness.CompleteMigration();
        if (fresh)
        {
            // The configured stores are connected on a fresh database only: a store the merchant disconnected stays so.
            await seeder.SeedAsync(cancellationToken);
        }
        // What a read or sweep finds changed (stock, fields, products gone) becomes hints, as a webhook's change does.
        refresher.Refreshed += router.OnMirrorChangedAsync;
        lifetime.ApplicationStarted.Register(() => _ = Task.Run(() => ReadStoresAsync(lifetime.ApplicationStopping)));
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task ReadStoresAsync(CancellationToken cancellationToken)
    {
        try
        {
            var publicBaseUrl = webhookAddress.BaseUrl();
            foreach (var connection in await connections.ListAsync(cancellationToken))
            {
                try
                {
                    await refresher.FullReadAsync(connection, cancellationToken);
                    if (publicBaseUrl is not null)
                    {
                        await webhooks.EnsureAsync(connection, publicBaseUrl, cancellationToken);
                    }
                }
                catch (StoreApiException e)
                {
                    logger.LogWarning("Could not read {Store} at start-up: {Error}", connection.Name, e.Message);
                    await refresher.MarkUnreachableAsync(connection, e, cancellationToken);
                }
            }
            readiness.Complete();
        }
        catch (OperationCanceledException)
        {
            readiness.Cancel(cancellationToken);
        }
        catch (Exception e)
        {
            logger.LogError(e, "The sync engine could not read the stores at start-up");
            readiness.Fail(e);
        }
    }
}
