using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace SyncDashboard.Core.Stores;

public static class StoreServiceCollectionExtensions
{
    /// <summary>
    /// The stores of the <c>Stores</c> configuration section as <see cref="IConfiguredStores"/>. The
    /// section is validated when the host starts: a bad one stops it with an
    /// <see cref="OptionsValidationException"/> that names every problem. Needs an
    /// <see cref="IStoreClientFactory"/> (<c>AddStoreClients()</c>).
    /// </summary>
    public static IServiceCollection AddConfiguredStores(this IServiceCollection services)
    {
        services.AddOptions<StoreConnectionsOptions>()
            .BindConfiguration(StoreConnectionsOptions.SectionName)
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<StoreConnectionsOptions>, StoreConnectionsOptionsValidator>());
        services.TryAddSingleton<IConfiguredStores, ConfiguredStores>();
        return services;
    }

    /// <summary>
    /// <see cref="StoreAddressPolicy"/>, which refuses store addresses on private or local networks, with
    /// its settings (<see cref="StoreAddressOptions"/>, section <c>Stores</c>) validated when the host starts.
    /// </summary>
    public static IServiceCollection AddStoreAddressPolicy(this IServiceCollection services)
    {
        services.AddOptions<StoreAddressOptions>()
            .BindConfiguration(StoreAddressOptions.SectionName)
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<StoreAddressOptions>, StoreAddressOptionsValidator>());
        services.TryAddSingleton<HostAddresses>();
        services.TryAddSingleton<StoreAddressPolicy>();
        return services;
    }
}
