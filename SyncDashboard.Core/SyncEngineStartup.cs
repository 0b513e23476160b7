using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SyncDashboard.Core.Catalogue;
using SyncDashboard.Core.Connections;
using SyncDashboard.Core.Persistence;
using SyncDashboard.Core.Stores;
using SyncDashboard.Core.Syncing;

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
    SourceChanges sourceChanges,
    IHostApplicationLifetime lifetime,
    IServiceProvider services,
    IOptions<SyncDashboardOptions> options,
    ILogger<SyncEngineStartup> logger) : IHostedService
{
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when every store's catalogue has been read once after start-up.</summary>
    public Task Ready => _ready.Task;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            await db.Database.MigrateAsync(cancellationToken);
        }
        await seeder.SeedAsync(cancellationToken);
        // What a read or sweep finds changed in a Source (stock, fields) flows on like a webhook's change.
        refresher.Refreshed += sourceChanges.OnRefreshedAsync;
        lifetime.ApplicationStarted.Register(() => _ = Task.Run(() => ReadStoresAsync(lifetime.ApplicationStopping)));
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Where stores send webhooks: the configured public address, else the address this app listens on.</summary>
    public Uri? PublicBaseUrl()
    {
        if (!string.IsNullOrWhiteSpace(options.Value.PublicBaseUrl))
        {
            return new Uri(options.Value.PublicBaseUrl);
        }
        var address = services.GetService<IServer>()?.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
        return address is null ? null : new Uri(address.Replace("://[::]", "://127.0.0.1").Replace("://0.0.0.0", "://127.0.0.1").Replace("://+", "://127.0.0.1"));
    }

    private async Task ReadStoresAsync(CancellationToken cancellationToken)
    {
        try
        {
            var publicBaseUrl = PublicBaseUrl();
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
            _ready.TrySetResult();
        }
        catch (OperationCanceledException)
        {
            _ready.TrySetCanceled(cancellationToken);
        }
        catch (Exception e)
        {
            logger.LogError(e, "The sync engine could not read the stores at start-up");
            _ready.TrySetException(e);
        }
    }
}
