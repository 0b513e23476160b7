using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SyncDashboard.Core.Stores;

namespace SyncDashboard.DemoStores;

/// <summary>
/// Starts the configured demo stores with the app (each on its own loopback port), gives each its
/// first catalogue once, and stops them with the app. The running stores are listed by
/// <see cref="Stores"/> for the demo console and the tests. Each store's loopback address and port is
/// allowed in the dashboard's <see cref="StoreAddressPolicy"/> (when the app has one), which otherwise
/// refuses stores on private or local networks.
/// </summary>
public sealed class DemoStoresHost(
    IOptions<DemoStoresOptions> options,
    IHostEnvironment environment,
    DemoStoreSeeder seeder,
    ILoggerFactory loggerFactory,
    TimeProvider timeProvider,
    StoreAddressPolicy? storeAddresses = null) : IHostedService, IAsyncDisposable
{
    private readonly ILogger _logger = loggerFactory.CreateLogger<DemoStoresHost>();
    private readonly List<DemoStoreServer> _stores = [];

    public IReadOnlyList<DemoStoreServer> Stores => _stores;

    /// <summary>The full path of the demo stores' SQLite file.</summary>
    public string DatabasePath
    {
        get
        {
            var settings = options.Value;
            var directory = Path.IsPathRooted(settings.DataDirectory)
                ? settings.DataDirectory
                : Path.Combine(environment.ContentRootPath, settings.DataDirectory);
            return Path.Combine(directory, settings.DatabaseFileName);
        }
    }

    public DemoStoreServer Get(string name) =>
        _stores.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? throw new KeyNotFoundException($"No demo store is named '{name}'.");

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (!settings.Enabled)
        {
            return;
        }
        foreach (var store in settings.Stores)
        {
            try
            {
                _stores.Add(await DemoStoreServer.StartAsync(store, DatabasePath, loggerFactory, timeProvider, cancellationToken));
            }
            catch (IOException e)
            {
                throw new InvalidOperationException(
                    $"Demo store '{store.Name}' cannot listen on 127.0.0.1:{store.Port}: {e.Message} " +
                    $"Change DemoStores:Stores:{settings.Stores.IndexOf(store)}:Port, or stop what uses that port.", e);
            }
            storeAddresses?.Allow(_stores[^1].BaseUrl);
            _logger.LogInformation("Demo store {Store} answers at {BaseUrl}", store.Name, _stores[^1].BaseUrl);
        }
        await seeder.SeedAsync(_stores, settings.Catalogue, cancellationToken);
    }

    /// <summary>Empties every demo store and gives it its first catalogue again.</summary>
    public async Task ResetAsync(CancellationToken cancellationToken = default)
    {
        foreach (var store in _stores)
        {
            await store.ResetAsync(cancellationToken);
        }
        await seeder.SeedAsync(_stores, options.Value.Catalogue, cancellationToken);
    }

    public async Task StopAsync(CancellationToken cancellationToken) => await DisposeAsync();

    public async ValueTask DisposeAsync()
    {
        foreach (var store in _stores)
        {
            await store.DisposeAsync();
        }
        _stores.Clear();
    }
}
