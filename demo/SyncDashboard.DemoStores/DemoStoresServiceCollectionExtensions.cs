using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace SyncDashboard.DemoStores;

public static class DemoStoresServiceCollectionExtensions
{
    /// <summary>
    /// The demo stores when <c>DemoStores:Enabled</c> is true (the default); otherwise only their
    /// options, so pages can tell that demo mode is off. Call it before the sync engine is added.
    /// </summary>
    public static IServiceCollection AddDemoStoresWhenEnabled(this IServiceCollection services, IConfiguration configuration)
    {
        var enabled = configuration.GetValue($"{DemoStoresOptions.SectionName}:{nameof(DemoStoresOptions.Enabled)}", defaultValue: true);
        if (enabled)
        {
            return services.AddDemoStores();
        }
        services.AddOptions<DemoStoresOptions>().BindConfiguration(DemoStoresOptions.SectionName);
        return services;
    }

    /// <summary>
    /// The embedded demo stores (section <c>DemoStores</c>) and the demo console: the stores start
    /// with the host (register this before the sync engine so they answer before anything calls a
    /// store); a bad configuration stops the start with every problem named. The web app calls this
    /// only when <c>DemoStores:Enabled</c> is true.
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
        services.TryAddSingleton<DemoConsole>();
        services.TryAddSingleton<IDemoConsole>(sp => sp.GetRequiredService<DemoConsole>());
        return services;
    }
}
