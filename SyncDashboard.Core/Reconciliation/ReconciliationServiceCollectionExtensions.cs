using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace SyncDashboard.Core.Reconciliation;

public static class ReconciliationServiceCollectionExtensions
{
    /// <summary>
    /// The reconciliation (section <c>Reconciliation</c>, validated at start): the one Destination stock
    /// writer, the reconciler, its rate budget, the check the details dialog asks for, the preview of a
    /// settings change and the background
    /// service that runs it.
    /// </summary>
    public static IServiceCollection AddReconciliation(this IServiceCollection services)
    {
        services.AddOptions<ReconciliationOptions>()
            .BindConfiguration(ReconciliationOptions.SectionName)
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ReconciliationOptions>, ReconciliationOptionsValidator>());
        services.AddSingleton<DestinationStock>();
        services.AddSingleton<Reconciler>();
        services.AddSingleton<ReconciliationBudget>();
        services.AddSingleton<ILinkCheck, LinkCheck>();
        services.AddSingleton<ISettingsChangePreview, SettingsChangePreview>();
        services.AddSingleton<ReconciliationService>();
        services.AddHostedService(sp => sp.GetRequiredService<ReconciliationService>());
        return services;
    }
}
