using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using SyncDashboard.DemoStores;
using SyncDashboard.Tests.Infrastructure;

namespace SyncDashboard.Tests.DemoStores;

/// <summary>The dashboard starts its demo stores from appsettings.json, seeds them once, and keeps their state.</summary>
public sealed class DemoStoresHostTests
{
    [Fact]
    public async Task DashboardStartsTheConfiguredDemoStoresSeededWithTheDefaultDemo()
    {
        await using var dashboard = await DashboardApp.StartAsync();
        var host = dashboard.Services.GetRequiredService<DemoStoresHost>();

        Assert.Equal(["northwind-outlet", "urban-threads", "hearth-and-home"], host.Stores.Select(s => s.Name));
        var destination = host.Get("northwind-outlet");
        var source = host.Get("urban-threads");
        Assert.InRange(destination.ProductCount, 60, 300);
        Assert.Equal(150 + 20, source.ProductCount); // generated products plus Shopify's apparel sample
        Assert.Equal(150 + 40, host.Get("hearth-and-home").ProductCount);

        using var http = new HttpClient();
        http.DefaultRequestHeaders.Add("X-Shopify-Access-Token", "shpat_demo_urban_threads");
        var count = await http.GetFromJsonAsync<JsonObject>(new Uri(source.BaseUrl, "admin/api/2025-07/products/count.json"));
        Assert.Equal(170, count!["count"]!.GetValue<int>());
    }

    [Fact]
    public async Task RestartKeepsTheStoresStateAndResetSeedsThemAgain()
    {
        using var data = new TempDirectory();
        long createdId;
        await using (var first = await DashboardApp.StartAsync(data: data))
        {
            var store = first.Services.GetRequiredService<DemoStoresHost>().Get("urban-threads");
            using var http = new HttpClient { BaseAddress = new Uri(store.BaseUrl, "admin/api/2025-07/") };
            http.DefaultRequestHeaders.Add("X-Shopify-Access-Token", "shpat_demo_urban_threads");
            using var response = await http.PostAsJsonAsync("products.json", new { product = new { title = "Made before the restart" } });
            createdId = (await response.Content.ReadFromJsonAsync<JsonObject>())!["product"]!["id"]!.GetValue<long>();
        }

        await using var second = await DashboardApp.StartAsync(data: data);
        var host = second.Services.GetRequiredService<DemoStoresHost>();
        var restarted = host.Get("urban-threads");
        Assert.Equal(171, restarted.ProductCount); // kept, and not seeded a second time
        Assert.Equal("Made before the restart", restarted.Catalogue.GetProduct(createdId)["title"]!.GetValue<string>());

        await host.ResetAsync();
        Assert.Equal(170, restarted.ProductCount);
        Assert.Throws<DemoStoreNotFoundException>(() => restarted.Catalogue.GetProduct(createdId));
    }
}
