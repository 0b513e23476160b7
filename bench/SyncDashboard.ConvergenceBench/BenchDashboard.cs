using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SyncDashboard.Core;
using SyncDashboard.DemoStores;
using SyncDashboard.Extensions;

namespace SyncDashboard.ConvergenceBench;

/// <summary>
/// The real dashboard with two demo stores on loopback, a Destination and one Source, both on a
/// Standard plan (a bucket of 40 requests draining 2 a second), empty: the benchmark seeds them. The
/// configuration is all here (the web app's appsettings.json is not read), in a folder of its own.
/// </summary>
internal sealed class BenchDashboard : IAsyncDisposable
{
    private readonly string _data;

    private BenchDashboard(WebApplication app, string data)
    {
        App = app;
        _data = data;
    }

    public WebApplication App { get; }
    public IServiceProvider Services => App.Services;
    public DemoStoreServer Destination => Services.GetRequiredService<DemoStoresHost>().Get("destination");
    public DemoStoreServer Source => Services.GetRequiredService<DemoStoresHost>().Get("source");

    public static async Task<BenchDashboard> StartAsync(IDictionary<string, string?> extra)
    {
        var data = Directory.CreateTempSubdirectory("syncdashboard-convergence-").FullName;
        var (destinationPort, sourcePort) = (FreePort(), FreePort());
        var settings = new Dictionary<string, string?>
        {
            ["Urls"] = "http://127.0.0.1:0",
            ["Logging:LogLevel:Default"] = "Warning",
            ["SyncDashboard:DataDirectory"] = data,
            ["Shopify:ApiVersion"] = "2026-10",
            ["Stores:Destination:Name"] = "Destination",
            ["Stores:Destination:BaseUrl"] = $"http://127.0.0.1:{destinationPort}",
            ["Stores:Destination:AccessToken"] = "shpat_bench_destination",
            ["Stores:Destination:WebhookSecret"] = "bench-destination",
            ["Stores:Sources:0:Name"] = "Source",
            ["Stores:Sources:0:BaseUrl"] = $"http://127.0.0.1:{sourcePort}",
            ["Stores:Sources:0:AccessToken"] = "shpat_bench_source",
            ["Stores:Sources:0:WebhookSecret"] = "bench-source",
            ["DemoStores:Enabled"] = "true",
            ["DemoStores:DataDirectory"] = data,
            ["DemoStores:Catalogue:ProductsPerSource"] = "0",
            ["DemoStores:Catalogue:DestinationOnlyProducts"] = "0",
        };
        foreach (var (index, name, role, port) in new[] { (0, "destination", "Destination", destinationPort), (1, "source", "Source", sourcePort) })
        {
            settings[$"DemoStores:Stores:{index}:Name"] = name;
            settings[$"DemoStores:Stores:{index}:Domain"] = $"{name}.myshopify.com";
            settings[$"DemoStores:Stores:{index}:Port"] = port.ToString(CultureInfo.InvariantCulture);
            settings[$"DemoStores:Stores:{index}:Role"] = role;
            settings[$"DemoStores:Stores:{index}:AccessToken"] = $"shpat_bench_{name}";
            settings[$"DemoStores:Stores:{index}:ClientId"] = $"bench-client-{name}";
            settings[$"DemoStores:Stores:{index}:ClientSecret"] = $"shpss_bench_{name}";
            settings[$"DemoStores:Stores:{index}:WebhookSecret"] = $"bench-{name}";
            settings[$"DemoStores:Stores:{index}:BucketSize"] = "40";
            settings[$"DemoStores:Stores:{index}:LeakRatePerSecond"] = "2";
        }
        foreach (var (key, value) in extra)
        {
            settings[key] = value;
        }
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            ApplicationName = "SyncDashboard",
            ContentRootPath = data,
            EnvironmentName = Environments.Production,
        });
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddApplicationServices();
        var app = builder.Build();
        app.MapApplication();
        await app.StartAsync();
        await app.Services.GetRequiredService<EngineReadiness>().Ready.WaitAsync(TimeSpan.FromMinutes(2));
        return new BenchDashboard(app, data);
    }

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
        try
        {
            Directory.Delete(_data, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
