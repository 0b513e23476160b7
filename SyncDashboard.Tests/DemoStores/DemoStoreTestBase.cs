using System.Net.Http.Json;
using System.Text.Json.Nodes;
using SyncDashboard.DemoStores;
using SyncDashboard.Tests.Infrastructure;

namespace SyncDashboard.Tests.DemoStores;

/// <summary>
/// Starts one demo store on a free loopback port with its own SQLite file, and a plain HttpClient
/// that speaks to it as any Shopify REST client would (no project code in between).
/// </summary>
public abstract class DemoStoreTestBase : IAsyncLifetime
{
    protected const string Token = "shpat_test_token";
    protected const string Secret = "webhook-secret";
    protected const string Version = "2025-07";

    protected TempDirectory Data { get; } = new();
    protected DemoStoreServer Store { get; private set; } = null!;
    protected HttpClient Http { get; private set; } = null!;

    protected virtual DemoStoreOptions CreateOptions() => new()
    {
        Name = "test-store",
        Domain = "test-store.myshopify.com",
        Port = 0,
        AccessToken = Token,
        WebhookSecret = Secret,
        BucketSize = 40,
        LeakRatePerSecond = 20,
        WebhookRetryDelayMilliseconds = 50,
    };

    /// <summary>The store's clock; a test of expiry gives it a FakeTimeProvider.</summary>
    protected virtual TimeProvider Clock => TimeProvider.System;

    public async Task InitializeAsync()
    {
        Store = await DemoStoreServer.StartAsync(CreateOptions(), Data.File("demo.db"), timeProvider: Clock);
        Http = CreateClient(Token);
    }

    protected HttpClient CreateClient(string? token)
    {
        var http = new HttpClient { BaseAddress = new Uri(Store.BaseUrl, $"admin/api/{Version}/") };
        if (token is not null)
        {
            http.DefaultRequestHeaders.Add("X-Shopify-Access-Token", token);
        }
        return http;
    }

    protected async Task RestartStoreAsync()
    {
        var options = Store.Options;
        await Store.DisposeAsync();
        Store = await DemoStoreServer.StartAsync(options, Data.File("demo.db"), timeProvider: Clock);
        Http.Dispose();
        Http = CreateClient(Token);
    }

    protected async Task<JsonObject> CreateProductAsync(object product)
    {
        using var response = await Http.PostAsJsonAsync("products.json", new { product });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {body}");
        return JsonNode.Parse(body)!["product"]!.AsObject();
    }

    protected static async Task<JsonObject> ReadJsonAsync(HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();

    public async Task DisposeAsync()
    {
        Http.Dispose();
        await Store.DisposeAsync();
        Data.Dispose();
    }
}
