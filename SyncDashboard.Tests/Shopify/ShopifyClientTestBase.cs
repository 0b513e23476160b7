using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SyncDashboard.DemoStores;
using SyncDashboard.Core.Shopify;
using SyncDashboard.Core.Stores;
using SyncDashboard.Tests.Infrastructure;

namespace SyncDashboard.Tests.Shopify;

/// <summary>
/// A demo store on a free loopback port (its own SQLite file), and the project's Shopify client
/// wired as the app wires it (AddStoreClients), with short retry delays.
/// </summary>
/// <param name="adapter">The API the clients speak (REST unless a test class runs on both).</param>
public abstract class ShopifyClientTestBase(StoreApi adapter = StoreApi.Rest) : IAsyncLifetime
{
    /// <summary>The API the clients of this run speak.</summary>
    protected StoreApi Adapter { get; } = adapter;

    protected const string Token = "shpat_client_test";

    private readonly List<ServiceProvider> _providers = [];
    private readonly List<DemoStoreServer> _stores = [];

    protected TempDirectory Data { get; } = new();
    protected DemoStoreServer Store { get; private set; } = null!;

    /// <summary>The store's bucket and drain rate (Shopify Plus-like by default, so that tests run fast).</summary>
    protected virtual DemoStoreOptions CreateStoreOptions() => StoreOptions("client-test", bucketSize: 40, leakRate: 20);

    protected static DemoStoreOptions StoreOptions(string name, int bucketSize, double leakRate) => new()
    {
        Name = name,
        Domain = $"{name}.myshopify.com",
        Port = 0,
        AccessToken = Token,
        WebhookSecret = "secret",
        BucketSize = bucketSize,
        LeakRatePerSecond = leakRate,
    };

    public virtual async Task InitializeAsync() => Store = await StartStoreAsync(CreateStoreOptions());

    protected async Task<DemoStoreServer> StartStoreAsync(DemoStoreOptions options)
    {
        var store = await DemoStoreServer.StartAsync(options, Data.File($"{options.Name}.db"));
        _stores.Add(store);
        return store;
    }

    /// <summary>A service provider as the app builds it, with <paramref name="settings"/> over the test defaults.</summary>
    protected IServiceProvider CreateServices(IDictionary<string, string?>? settings = null)
    {
        var values = new Dictionary<string, string?>
        {
            ["Shopify:BaseRetryDelay"] = "00:00:00.020",
            ["Shopify:MaxRetryDelay"] = "00:00:05",
            ["Shopify:MaxRetryAttempts"] = "4",
            ["Shopify:AttemptTimeout"] = "00:00:10",
            // Circuit-breaker tests set their own; elsewhere it stays out of the way.
            ["Shopify:CircuitBreaker:MinimumThroughput"] = "1000",
            // The demo stores of these tests are on loopback, started without the dashboard (which would allow their addresses).
            ["Stores:AllowPrivateAddresses"] = "true",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging(logging =>
        {
            // SHOPIFY_TEST_LOG=1 shows the client's pipeline (pacer waits, retries, circuit) on the console.
            if (Environment.GetEnvironmentVariable("SHOPIFY_TEST_LOG") == "1")
            {
                logging.AddSimpleConsole(o => o.TimestampFormat = "HH:mm:ss.fff ");
                logging.SetMinimumLevel(LogLevel.Debug);
            }
        });
        services.AddStoreClients();
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
        _providers.Add(provider);
        return provider;
    }

    /// <summary>A client of <paramref name="store"/> (default: <see cref="Store"/>) created by the app's factory.</summary>
    protected IStoreClient CreateClient(IServiceProvider? services = null, DemoStoreServer? store = null, double? requestsPerSecond = null,
        string token = Token)
    {
        store ??= Store;
        services ??= CreateServices();
        var factory = services.GetRequiredService<IStoreClientFactory>();
        return factory.Create(new StoreEndpoint(store.Name, store.BaseUrl, token,
            requestsPerSecond ?? store.Options.LeakRatePerSecond, store.Options.BucketSize) { Api = Adapter });
    }

    public virtual async Task DisposeAsync()
    {
        foreach (var provider in _providers)
        {
            await provider.DisposeAsync();
        }
        foreach (var store in _stores)
        {
            await store.DisposeAsync();
        }
        Data.Dispose();
    }
}
