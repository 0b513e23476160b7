using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using SyncDashboard.Core.Activity;
using SyncDashboard.Core.Catalogue;
using SyncDashboard.Core.Connections;
using SyncDashboard.Core.Export;
using SyncDashboard.Core.Jobs;
using SyncDashboard.Core.Linking;
using SyncDashboard.Core.Mapping;
using SyncDashboard.Core.Persistence;
using SyncDashboard.Core.Products;
using SyncDashboard.Core.Reconciliation;
using SyncDashboard.Core.Shopify;
using SyncDashboard.Core.Stores;
using SyncDashboard.Core.Syncing;
using SyncDashboard.Core.Users;
using SyncDashboard.Core.Webhooks;

namespace SyncDashboard.Core;

public static class DependencyInjection
{
    /// <summary>
    /// The core services: store clients (<see cref="IStoreClientFactory"/>,
    /// section <c>Shopify</c>), the configured stores (<see cref="IConfiguredStores"/>, section
    /// <c>Stores</c>) and the sync engine (section <c>SyncDashboard</c>). Every section is validated
    /// when the host starts.
    /// </summary>
    public static IServiceCollection AddSyncDashboardCore(this IServiceCollection services)
    {
        services.AddStoreClients();
        services.AddConfiguredStores();
        services.AddSyncEngine();
        return services;
    }

    /// <summary>Persistence, connections, the catalogue mirror, sync, mapping, jobs, the Activity Log and the CSV exports.</summary>
    public static IServiceCollection AddSyncEngine(this IServiceCollection services)
    {
        services.AddOptions<SyncDashboardOptions>()
            .BindConfiguration(SyncDashboardOptions.SectionName)
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SyncDashboardOptions>, SyncDashboardOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.AddSyncDashboardPersistence();
        services.AddUsers();

        services.AddSingleton<StoreConnectionService>();
        services.AddSingleton<ConnectionSeeder>();
        services.AddSingleton<StoreConnector>();
        services.AddSingleton<StoreInstaller>();
        services.AddSingleton<ActivityLog>();
        services.AddSingleton<CatalogueMirror>();
        services.AddSingleton<SkuHealth>();
        services.AddSingleton<CatalogueRefresher>();
        services.AddSingleton<WebhookSubscriptions>();
        services.AddSingleton<IStoreOnboarding, StoreOnboarding>();
        services.AddSingleton<ProductQueryService>();
        services.AddSingleton<LinkStore>();
        services.AddReconciliation();
        services.AddSingleton<DuplicateGuard>();
        services.AddSingleton<ProductSyncService>();
        services.AddSingleton<StoreDisconnector>();
        services.AddSingleton<BulkMapper>();
        services.AddSingleton<IndividualMapper>();

        // Live changes: the webhook receiver's saved deliveries and worker, live inventory, change hints, sweeps.
        services.AddSingleton<WebhookRejections>();
        services.AddSingleton<WebhookIntake>();
        services.AddSingleton<WebhookAddress>();
        services.AddSingleton<SyncBacklog>();
        services.AddSingleton<ISyncBacklog>(sp => sp.GetRequiredService<SyncBacklog>());
        services.AddSingleton<LiveInventory>();
        services.AddHostedService(sp => sp.GetRequiredService<LiveInventory>());
        services.AddSingleton<ChangeRouter>();
        services.AddHostedService<WebhookWorker>();
        services.AddHostedService<CatalogueSweeper>();

        services.AddSingleton<EngineReadiness>();
        services.AddSingleton<SyncEngineStartup>();
        services.AddHostedService(sp => sp.GetRequiredService<SyncEngineStartup>());

        services.AddJobs();
        services.AddExport();

        // What the dashboard's components use: one instance behind each port.
        services.AddSingleton<IStoreConnectionService>(sp => sp.GetRequiredService<StoreConnectionService>());
        services.AddSingleton<IStoreConnector>(sp => sp.GetRequiredService<StoreConnector>());
        services.AddSingleton<IStoreInstaller>(sp => sp.GetRequiredService<StoreInstaller>());
        services.AddSingleton<IActivityLog>(sp => sp.GetRequiredService<ActivityLog>());
        services.AddSingleton<IProductQueryService>(sp => sp.GetRequiredService<ProductQueryService>());
        services.AddSingleton<IIndividualMapper>(sp => sp.GetRequiredService<IndividualMapper>());
        services.AddSingleton<IStoreDisconnector>(sp => sp.GetRequiredService<StoreDisconnector>());
        return services;
    }
}
