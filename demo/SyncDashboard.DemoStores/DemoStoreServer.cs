using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SyncDashboard.DemoStores.Persistence;
using SyncDashboard.Core.Shopify.Models;
using SyncDashboard.DemoStores.GraphQL;

namespace SyncDashboard.DemoStores;

/// <summary>
/// One demo store: a Kestrel server on its own loopback port that answers the Shopify Admin API
/// subset SyncDashboard uses (REST, and GraphQL at <c>admin/api/{version}/graphql.json</c>), under
/// Shopify's paths, so that any Shopify client reaches it by changing only its host and token.
/// </summary>
public sealed class DemoStoreServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly DemoWebhookDispatcher _webhooks;
    private readonly DemoStoreRateLimiter _rateLimiter;

    private DemoStoreServer(DemoStoreOptions options, WebApplication app, DemoStoreCatalogue catalogue,
        DemoWebhookDispatcher webhooks, DemoStoreRateLimiter rateLimiter, DemoStoreFaults faults, DemoStoreStats stats)
    {
        Options = options;
        _app = app;
        Catalogue = catalogue;
        _webhooks = webhooks;
        _rateLimiter = rateLimiter;
        Faults = faults;
        Stats = stats;
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseUrl = new Uri(address.EndsWith('/') ? address : address + "/");
    }


    public string Name => Options.Name;

    /// <summary>The store's origin, for example <c>http://127.0.0.1:5101/</c>; the API is under <c>admin/api/{version}/</c>.</summary>
    public Uri BaseUrl { get; }

    public DemoStoreOptions Options { get; }

    /// <summary>Live fault injection (5xx share, latency, forced 429s, dropped webhooks).</summary>
    public DemoStoreFaults Faults { get; }

    /// <summary>Counts of what the store answered.</summary>
    public DemoStoreStats Stats { get; }

    /// <summary>The location new inventory is stocked at.</summary>
    public long PrimaryLocationId => Catalogue.PrimaryLocationId;

    /// <summary>Whether the store has been given its first catalogue (it keeps it across restarts).</summary>
    public bool IsSeeded => Catalogue.Seeded;

    public int ProductCount => Catalogue.ProductCount;

    /// <summary>Webhook deliveries answered 2xx, dropped by fault injection, and given up.</summary>
    public (long Sent, long Dropped, long Failed) WebhookDeliveries => (_webhooks.Sent, _webhooks.Dropped, _webhooks.Failed);

    /// <summary>Webhook deliveries held back by fault injection, so that later ones overtook them.</summary>
    public long WebhooksHeldBack => _webhooks.HeldBack;

    internal DemoStoreCatalogue Catalogue { get; }

    /// <summary>The GraphQL Admin API endpoint (its cost buckets, for tests that drain one).</summary>
    internal GraphQLEndpoint GraphQL { get; private init; } = null!;

    /// <summary>The tokens the store has issued (for tests that revoke them).</summary>
    internal DemoStoreAccessTokens AccessTokens { get; private init; } = null!;

    /// <summary>Starts the store; its state is loaded from (and saved to) the SQLite file at <paramref name="databasePath"/>.</summary>
    public static async Task<DemoStoreServer> StartAsync(DemoStoreOptions options, string databasePath,
        ILoggerFactory? loggerFactory = null, TimeProvider? timeProvider = null, CancellationToken cancellationToken = default)
    {
        loggerFactory ??= NullLoggerFactory.Instance;
        timeProvider ??= TimeProvider.System;
        var db = await DemoStoreDatabase.OpenAsync(databasePath, cancellationToken);
        var catalogue = new DemoStoreCatalogue(options.Name, db, timeProvider, options.Locations);
        var faults = new DemoStoreFaults(options.Faults);
        var stats = new DemoStoreStats();
        var rateLimiter = new DemoStoreRateLimiter(options.BucketSize, options.LeakRatePerSecond);
        var accessTokens = new DemoStoreAccessTokens(options, db, timeProvider);
        var webhooks = new DemoWebhookDispatcher(options, faults, topic => catalogue.ListWebhooks(topic),
            loggerFactory.CreateLogger($"{typeof(DemoStoreServer).FullName}.{options.Name}.Webhooks"), timeProvider, catalogue.IsSignedByApp);
        catalogue.Changed += webhooks.Publish;

        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ApplicationName = typeof(DemoStoreServer).Assembly.GetName().Name });
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, options.Port));
        builder.Services.AddRoutingCore();
        builder.Services.AddSingleton(loggerFactory);
        // One line per store says where it answers ("Demo store ... answers at"); the host's own start lines would repeat per store.
        builder.Services.Configure<Microsoft.Extensions.Hosting.ConsoleLifetimeOptions>(lifetime => lifetime.SuppressStatusMessages = true);
        var app = builder.Build();
        new DemoStoreOAuth(options, accessTokens, timeProvider,
            loggerFactory.CreateLogger($"{typeof(DemoStoreServer).FullName}.{options.Name}.OAuth")).Map(app);
        var logger = loggerFactory.CreateLogger($"{typeof(DemoStoreServer).FullName}.{options.Name}");
        // Bulk operation results live beside the store's SQLite file, one folder per store (a name made
        // safe for a path, and distinct per store name, since the folder is emptied at start).
        var folder = $"{DemoStoreCatalogue.Parameterize(options.Name)}-{Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(options.Name)))[..8]}";
        var bulkDirectory = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(databasePath))!, "bulk-operations", folder);
        var graphQL = new GraphQLEndpoint(options, catalogue, timeProvider, logger, bulkDirectory, webhooks.Publish, stats, faults);
        var api = new DemoStoreApi(options, catalogue, accessTokens, rateLimiter, faults, stats, graphQL, logger);
        api.Map(app);
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch
        {
            await webhooks.DisposeAsync();
            rateLimiter.Dispose();
            throw;
        }
        var server = new DemoStoreServer(options, app, catalogue, webhooks, rateLimiter, faults, stats) { GraphQL = graphQL, AccessTokens = accessTokens };
        graphQL.BulkOperations.BaseUrl = server.BaseUrl; // known once Kestrel listens (port 0 picks one)
        return server;
    }

    /// <summary>Adds products directly: no rate limit, no webhooks; each variant's <c>inventory_quantity</c> becomes its stock.</summary>
    public Task<int> SeedAsync(IEnumerable<ShopifyProduct> products, CancellationToken cancellationToken = default) =>
        Task.Run(() => Catalogue.Seed(products), cancellationToken);

    /// <summary>Empties the store (products, inventory, webhook subscriptions); locations stay.</summary>
    public Task ResetAsync(CancellationToken cancellationToken = default) =>
        Task.Run(Catalogue.Reset, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        await GraphQL.BulkOperations.DisposeAsync();
        await _webhooks.DisposeAsync();
        _rateLimiter.Dispose();
    }
}

/// <summary>Counts of what one demo store answered (thread-safe).</summary>
public sealed class DemoStoreStats
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, long> _byOperation = new();
    private long _requests;
    private long _throttled;
    private long _injectedErrors;
    private long _unauthorized;

    /// <summary>Authorised API requests, throttled ones included.</summary>
    public long Requests => Interlocked.Read(ref _requests);

    /// <summary>Requests answered 429.</summary>
    public long Throttled => Interlocked.Read(ref _throttled);

    /// <summary>Requests answered 5xx by fault injection.</summary>
    public long InjectedErrors => Interlocked.Read(ref _injectedErrors);

    public long Unauthorized => Interlocked.Read(ref _unauthorized);

    /// <summary>
    /// Authorised requests by operation, ids replaced by <c>{id}</c> ("GET products.json", "POST
    /// inventory_levels/set.json"); GraphQL requests also by root field ("GraphQL inventorySetQuantities").
    /// </summary>
    public IReadOnlyDictionary<string, long> ByOperation => _byOperation;

    internal void CountRequest(string method, string path)
    {
        Interlocked.Increment(ref _requests);
        var operation = $"{method} {System.Text.RegularExpressions.Regex.Replace(path, @"^/admin/api/[^/]+/|(?<=/)\d+(?=[/.])", m => m.Value.StartsWith('/') ? "" : "{id}")}";
        _byOperation.AddOrUpdate(operation, 1, (_, count) => count + 1);
    }
    internal void CountGraphQL(string rootField) => _byOperation.AddOrUpdate($"GraphQL {rootField}", 1, (_, count) => count + 1);
    internal void CountThrottled() => Interlocked.Increment(ref _throttled);
    internal void CountGraphQLThrottled() => Interlocked.Increment(ref _graphQLThrottled);
    internal void AddGraphQLCost(int actual) => Interlocked.Add(ref _graphQLPoints, actual);

    /// <summary>GraphQL points spent (the sum of the answered queries' actual costs).</summary>
    public long GraphQLPointsSpent => Interlocked.Read(ref _graphQLPoints);

    private long _graphQLPoints;

    /// <summary>GraphQL requests answered THROTTLED (their bucket could not pay the requested cost).</summary>
    public long GraphQLThrottled => Interlocked.Read(ref _graphQLThrottled);

    private long _graphQLThrottled;
    internal void CountInjectedError() => Interlocked.Increment(ref _injectedErrors);
    internal void CountUnauthorized() => Interlocked.Increment(ref _unauthorized);
}

/// <summary>Opens (and creates on first use) the demo stores' SQLite file.</summary>
internal static class DemoStoreDatabase
{
    private static readonly SemaphoreSlim Gate = new(1, 1);

    public static async Task<DbContextOptions<DemoStoreDbContext>> OpenAsync(string path, CancellationToken cancellationToken)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }
        var options = new DbContextOptionsBuilder<DemoStoreDbContext>()
            .UseSqlite($"Data Source={path};Pooling=True")
            .Options;
        await Gate.WaitAsync(cancellationToken);
        try
        {
            await using var db = new DemoStoreDbContext(options);
            // The demo stores' file is a fixture of this project, not merchant data: its schema is created, not migrated.
            await db.Database.EnsureCreatedAsync(cancellationToken);
            await db.Database.ExecuteSqlRawAsync(DemoStoreDbContext.AddedTablesSql, cancellationToken);
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }
        finally
        {
            Gate.Release();
        }
        return options;
    }
}
