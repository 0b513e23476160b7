using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using SyncDashboard.Core;
using SyncDashboard.Core.Shopify;
using SyncDashboard.Core.Stores;

namespace SyncDashboard.Tests.Shopify;

/// <summary>The <c>Stores</c> and <c>Shopify</c> sections: clear messages, and a bad configuration stops the start.</summary>
public sealed class StoreConfigurationTests
{
    private static Dictionary<string, string?> ValidSettings() => new()
    {
        ["Stores:Destination:Name"] = "Northwind Outlet",
        ["Stores:Destination:BaseUrl"] = "http://127.0.0.1:5101",
        ["Stores:Destination:AccessToken"] = "shpat_destination",
        ["Stores:Destination:WebhookSecret"] = "secret-d",
        ["Stores:Sources:0:Name"] = "Urban Threads",
        ["Stores:Sources:0:BaseUrl"] = "https://urban-threads.myshopify.com",
        ["Stores:Sources:0:AccessToken"] = "shpat_urban",
        ["Stores:Sources:0:RequestsPerSecond"] = "20",
        ["Stores:Sources:1:Name"] = "Hearth & Home",
        ["Stores:Sources:1:BaseUrl"] = "http://127.0.0.1:5103/",
        ["Stores:Sources:1:AccessToken"] = "shpat_hearth",
    };

    private static IHost BuildHost(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddSyncDashboardCore();
        return builder.Build();
    }

    [Fact]
    public async Task ValidConfigurationGivesAClientForTheDestinationAndEachSource()
    {
        using var host = BuildHost(ValidSettings());
        await host.StartAsync();

        var stores = host.Services.GetRequiredService<IConfiguredStores>();

        Assert.Equal("Northwind Outlet", stores.Destination.Name);
        Assert.True(stores.Destination.IsDestination);
        Assert.Equal("secret-d", stores.Destination.WebhookSecret);
        Assert.Equal(["Urban Threads", "Hearth & Home"], stores.Sources.Select(s => s.Name));
        Assert.Equal(["Northwind Outlet", "Urban Threads", "Hearth & Home"], stores.All.Select(s => s.Client.StoreName));
        Assert.Equal(20, stores.Find("urban threads")!.Endpoint.RequestsPerSecond);
        Assert.Equal(2, stores.Destination.Endpoint.RequestsPerSecond);
        Assert.Null(stores.Find("nobody"));
        Assert.DoesNotContain("shpat", stores.Destination.ToString());
        Assert.Equal("2026-10", host.Services.GetRequiredService<IOptions<ShopifyClientOptions>>().Value.ApiVersion);
        await host.StopAsync();
    }

    [Fact]
    public async Task BadStoresConfigurationStopsTheStartNamingEveryProblem()
    {
        var settings = ValidSettings();
        settings["Stores:Sources:0:BaseUrl"] = "foo";
        settings["Stores:Sources:1:AccessToken"] = "";
        settings["Stores:Sources:1:Name"] = "northwind outlet";
        settings["Stores:Sources:2:Name"] = "No Url";
        settings["Stores:Sources:2:AccessToken"] = "shpat_x";
        settings["Stores:Sources:2:RequestsPerSecond"] = "0";
        using var host = BuildHost(settings);

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("Stores:Sources:0:BaseUrl 'foo' is not an absolute http or https URL.", error.Failures);
        Assert.Contains("Stores:Sources:1: give ClientId and ClientSecret (the app's credentials from Shopify's Dev Dashboard), or a legacy AccessToken.", error.Failures);
        Assert.Contains("Stores:Sources:2:BaseUrl is missing.", error.Failures);
        Assert.Contains("Stores:Sources:2:RequestsPerSecond must be greater than 0 (Shopify standard plans drain 2 per second).", error.Failures);
        Assert.Contains(error.Failures, f => f.StartsWith("Store name 'Northwind Outlet' is used more than once (Stores:Destination:Name, Stores:Sources:1:Name)", StringComparison.Ordinal));
        Assert.Equal(5, error.Failures.Count());
        Assert.Contains("Stores:Sources:0:BaseUrl 'foo' is not an absolute http or https URL.", error.Message);
    }

    [Fact]
    public async Task BadStoreAddressSettingsStopTheStartToo()
    {
        var settings = ValidSettings();
        settings["Stores:AllowPrivateAddresses"] = "false";
        settings["Stores:ConnectionTestTimeout"] = "00:00:00.5";
        settings["Stores:ConnectTimeout"] = "00:05:00";
        using var host = BuildHost(settings);

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Equal(
        [
            "Stores:ConnectionTestTimeout must be between 00:00:01 and 00:02:00.",
            "Stores:ConnectTimeout must be between 00:00:00.1 and 00:02:00.",
        ], error.Failures);
    }

    [Fact]
    public async Task MissingDestinationStopsTheStart()
    {
        var settings = ValidSettings().Where(s => !s.Key.StartsWith("Stores:Destination", StringComparison.Ordinal))
            .ToDictionary(s => s.Key, s => s.Value);
        using var host = BuildHost(settings);

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Equal(["Stores:Destination is missing: configure the store that receives the synced products (its Name, BaseUrl and AccessToken)."], error.Failures);
    }

    [Fact]
    public async Task BadShopifySectionStopsTheStartToo()
    {
        var settings = ValidSettings();
        settings["Shopify:ApiVersion"] = "latest";
        settings["Shopify:CircuitBreaker:FailureRatio"] = "1.5";
        settings["Shopify:CircuitBreaker:BreakDuration"] = "00:00:00.1";
        settings["Shopify:MaxRetryAttempts"] = "-1";
        using var host = BuildHost(settings);

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Equal(
        [
            "Shopify:ApiVersion 'latest' is not an Admin API version such as 2026-10 (or 'unstable').",
            "Shopify:MaxRetryAttempts must be between 0 and 20.",
            "Shopify:CircuitBreaker:FailureRatio must be greater than 0 and at most 1.",
            "Shopify:CircuitBreaker:BreakDuration must be at least 00:00:00.5.",
        ], error.Failures);
    }

    [Fact]
    public void ValidatorFindsDuplicateUrlsAndTinyBuckets()
    {
        var options = new StoreConnectionsOptions
        {
            Destination = new StoreConnectionOptions { Name = "D", BaseUrl = "http://127.0.0.1:5101", AccessToken = "t" },
            Sources = [new StoreConnectionOptions { Name = "S", BaseUrl = "HTTP://127.0.0.1:5101/", AccessToken = "t", BucketSize = 2 }],
        };

        var result = new StoreConnectionsOptionsValidator().Validate(null, options);

        Assert.Equal(
        [
            "Stores:Sources:0:BucketSize must be at least 3 (Shopify standard plans have 40).",
            "Store URL 'http://127.0.0.1:5101' is used more than once (Stores:Destination:BaseUrl, Stores:Sources:0:BaseUrl); each store has its own.",
        ], result.Failures);
    }

    [Fact]
    public void FactoryRefusesAnEndpointItCannotCall()
    {
        var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(new ConfigurationBuilder().Build())
            .AddLogging()
            .AddStoreClients()
            .BuildServiceProvider();
        var factory = services.GetRequiredService<IStoreClientFactory>();

        var relative = Assert.Throws<ArgumentException>(() => factory.Create(new StoreEndpoint("S", new Uri("/shop", UriKind.Relative), "t")));
        var ftp = Assert.Throws<ArgumentException>(() => factory.Create(new StoreEndpoint("S", new Uri("ftp://x"), "t")));
        var token = Assert.Throws<ArgumentException>(() => factory.Create(new StoreEndpoint("S", new Uri("https://x.myshopify.com"), " ")));

        Assert.StartsWith("Store 'S': BaseUrl '/shop' is not an absolute http or https URL.", relative.Message);
        Assert.StartsWith("Store 'S': BaseUrl 'ftp://x/' is not an absolute http or https URL.", ftp.Message);
        Assert.StartsWith("Store 'S' has no access token.", token.Message);
        Assert.Equal("S (https://x.myshopify.com/)", new StoreEndpoint("S", new Uri("https://x.myshopify.com"), "shpat_secret").ToString());
    }
}
