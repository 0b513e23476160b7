using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SyncDashboard.Core.Connections;
using SyncDashboard.Core.Stores;

namespace SyncDashboard.Core.Catalogue;

/// <summary>
/// Sweeps every connected store on a timer (<c>SyncDashboard:SweepInterval</c>), so a lost webhook is
/// repaired, and repairs the store's webhook subscriptions (<see cref="WebhookSubscriptions.EnsureAsync"/>:
/// topics a store no longer sends, removed by someone or dropped by the store, are subscribed again;
/// ours to a wrong address or topic are removed), recording that in the Activity Log.
/// </summary>
public sealed class CatalogueSweeper(
    EngineReadiness startup,
    StoreConnectionService connections,
    CatalogueRefresher refresher,
    WebhookSubscriptions webhooks,
    WebhookAddress webhookAddress,
    Activity.ActivityLog activity,
    IOptions<SyncDashboardOptions> options,
    TimeProvider time,
    ILogger<CatalogueSweeper> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!await startup.WaitBeforeStartingAsync(logger, "the catalogue sweep", stoppingToken))
        {
            return;
        }
        await Hosting.GuardedLoop.RunAsync("The catalogue sweep", SweepLoopAsync, activity, logger, time, stoppingToken);
    }

    private async Task SweepLoopAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.SweepInterval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            foreach (var connection in await connections.ListAsync(stoppingToken))
            {
                try
                {
                    await refresher.SweepAsync(connection, stoppingToken);
                    await ResubscribeAsync(connection, stoppingToken);
                }
                catch (StoreApiException e)
                {
                    logger.LogWarning("Sweep of {Store} failed: {Error}", connection.Name, e.Message);
                    await refresher.MarkUnreachableAsync(connection, e, stoppingToken);
                }
            }
        }
    }

    private async Task ResubscribeAsync(StoreConnection connection, CancellationToken stoppingToken)
    {
        if (webhookAddress.BaseUrl() is not { } publicBaseUrl)
        {
            return;
        }
        var repair = await webhooks.EnsureAsync(connection, publicBaseUrl, stoppingToken);
        if (repair.Added > 0)
        {
            await activity.RecordAsync(Activity.ActivityKind.Connection, Activity.ActivitySeverity.Warning,
                $"{connection.Name} no longer sent {repair.Added} of the webhooks SyncDashboard needs: subscribed again. Until then the sweep and the reconciliation kept its products in step." +
                (repair.Removed > 0 ? $" {Removed(repair.Removed)}" : ""),
                connection.Id, connection.Name, cancellationToken: stoppingToken);
        }
        else if (repair.Removed > 0)
        {
            await activity.RecordAsync(Activity.ActivityKind.Connection, Activity.ActivitySeverity.Warning, $"{connection.Name}: {Removed(repair.Removed)}",
                connection.Id, connection.Name, cancellationToken: stoppingToken);
        }
    }

    private static string Removed(int count) =>
        $"{count} webhook subscription{(count == 1 ? "" : "s")} to a wrong address or topic {(count == 1 ? "was" : "were")} removed.";
}
