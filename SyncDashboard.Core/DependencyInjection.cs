using Microsoft.Extensions.DependencyInjection;
using SyncDashboard.Core.DemoStores;
using SyncDashboard.Core.Shopify;
using SyncDashboard.Core.Stores;

namespace SyncDashboard.Core;

public static class DependencyInjection
{
    /// <summary>
    /// The core services: the embedded demo stores (section <c>DemoStores</c>; registered first so
    /// they answer before anything calls a store), store clients (<see cref="IStoreClientFactory"/>,
    /// section <c>Shopify</c>) and the configured stores (<see cref="IConfiguredStores"/>, section
    /// <c>Stores</c>). Every section is validated when the host starts.
    /// </summary>
    public static IServiceCollection AddSyncDashboardCore(this IServiceCollection services)
    {
        services.AddDemoStores();
        services.AddStoreClients();
        services.AddConfiguredStores();
        return services;
    }
}
