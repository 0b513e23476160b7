using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace SyncDashboard.Core.Jobs;

public static class JobsServiceCollectionExtensions
{
    /// <summary>
    /// Background jobs (bulk sync, unsync and map, resync, disconnect; section <c>Jobs</c>, validated at
    /// start): the service the dashboard starts and follows them with, the executor of their items and the
    /// runner (a hosted service starting after the sync engine is ready).
    /// </summary>
    public static IServiceCollection AddJobs(this IServiceCollection services)
    {
        services.AddOptions<JobOptions>()
            .BindConfiguration(JobOptions.SectionName)
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<JobOptions>, JobOptionsValidator>());
        services.AddSingleton<JobService>();
        services.AddSingleton<IJobService>(sp => sp.GetRequiredService<JobService>());
        services.AddSingleton<JobItemExecutor>();
        services.AddSingleton<JobRunner>();
        services.AddHostedService(sp => sp.GetRequiredService<JobRunner>());
        return services;
    }
}
