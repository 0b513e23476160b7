using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace SyncDashboard.Core.DemoStores;

public static class DemoStoresServiceCollectionExtensions
{
    /// <summary>
    /// The embedded demo stores (section <c>DemoStores</c>): started with the host unless
    /// <c>DemoStores:Enabled</c> is false; a bad configuration stops the start with every problem named.
    /// </summary>
    public static IServiceCollection AddDemoStores(this IServiceCollection services)
    {
        services.AddOptions<DemoStoresOptions>()
            .BindConfiguration(DemoStoresOptions.SectionName)
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DemoStoresOptions>, DemoStoresOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<DemoStoreSeeder>();
        services.TryAddSingleton<DemoStoresHost>();
        services.AddHostedService(sp => sp.GetRequiredService<DemoStoresHost>());
        return services;
    }
}
