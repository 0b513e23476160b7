using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace SyncDashboard.Core.Persistence;

public static class PersistenceServiceCollectionExtensions
{
    /// <summary>The dashboard's SQLite database (migrated at start-up) and Data Protection keys, both under the data folder.</summary>
    public static IServiceCollection AddSyncDashboardPersistence(this IServiceCollection services)
    {
        services.AddDbContextFactory<SyncDbContext>((sp, db) =>
        {
            var path = DataPath(sp, sp.GetRequiredService<IOptions<SyncDashboardOptions>>().Value.DatabaseFileName);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            db.UseSqlite($"Data Source={path};Pooling=True");
        });
        services.AddDataProtection().SetApplicationName("SyncDashboard");
        services.AddOptions<KeyManagementOptions>()
            .Configure<IServiceProvider>((keys, sp) =>
                keys.XmlRepository = new FileSystemXmlRepository(new DirectoryInfo(DataPath(sp, "keys")), sp.GetRequiredService<ILoggerFactory>()));
        return services;
    }

    /// <summary>A path under the data folder (<c>SyncDashboard:DataDirectory</c>, relative to the content root).</summary>
    public static string DataPath(IServiceProvider services, string name)
    {
        var options = services.GetRequiredService<IOptions<SyncDashboardOptions>>().Value;
        var root = services.GetRequiredService<IHostEnvironment>().ContentRootPath;
        var directory = Path.IsPathRooted(options.DataDirectory) ? options.DataDirectory : Path.Combine(root, options.DataDirectory);
        return Path.Combine(directory, name);
    }
}
