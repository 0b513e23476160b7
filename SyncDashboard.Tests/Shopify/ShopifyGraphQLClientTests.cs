using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using SyncDashboard.Core.Shopify;
using SyncDashboard.Core.Shopify.GraphQL;
using SyncDashboard.Core.Shopify.Models;
using SyncDashboard.Core.Stores;
using SyncDashboard.DemoStores;

namespace SyncDashboard.Tests.Shopify;

/// <summary>
/// What only the GraphQL client does: pacing by cost, waiting out a drained bucket, the catalogue
/// through one bulk operation, product and stock in one productSet, compare-and-set stock, and
/// tokens from the client credentials grant.
/// </summary>
public sealed class ShopifyGraphQLClientTests() : ShopifyClientTestBase(StoreApi.GraphQL)
{
    private const string ClientId = "test-client";
    private const string ClientSecret = "shpss_test_secret";

    protected override DemoStoreOptions CreateStoreOptions()
    {
        var options = StoreOptions("client-test", bucketSize: 40, leakRate: 20);
        // A small GraphQL bucket (the smallest Shopify had), so that a test's burst is bigger than it.
        options.GraphQLBucketSize = 1000;
        options.GraphQLRestoreRatePerSecond = 500;
        options.ClientId = ClientId;
        options.ClientSecret = ClientSecret;
        return options;
    }

    private Task SeedAsync(int products, int variants) => Store.SeedAsync(Enumerable.Range(1, products).Select(i => new ShopifyProduct
    {
        Title = $"Product {i:000}",
        Options = variants > 1 ? [new ShopifyOption { Name = "Size" }] : null,
        Variants = [.. Enumerable.Range(1, variants).Select(v => new ShopifyVariant
        {
            Sku = $"P{i:000}-{v}",
            Price = 10 + v,
            Option1 = variants > 1 ? $"S{v}" : null,
            InventoryQuantity = (i + v) % 9,
        })],
    }));

    [Fact]
    public async Task ABurstBiggerThanTheBucketIsPacedByCostWithoutOneThrottledAnswer()
    {
        await SeedAsync(20, 3);
        var services = CreateServices();
        var client = CreateClient(services);
        var ids = new List<long>();
        await foreach (var product in client.ListProductsAsync(new ProductFilter { UpdatedAtMin = DateTimeOffset.UtcNow.AddDays(-1) }))
        {
            ids.Add(product.Id);
        }

        // The same burst sent by a client that does not pace itself is throttled: 40 reads of 176 points each at once, 7,040 against 1,000.
        using (var raw = new HttpClient { BaseAddress = new Uri(Store.BaseUrl, "admin/api/2026-10/") })
        {
            raw.DefaultRequestHeaders.Add("X-Shopify-Access-Token", Token);
            var document = ShopifyGraphQLDocuments.Product;
            await Task.WhenAll(Enumerable.Range(0, 40).Select(i => raw.PostAsync("graphql.json", System.Net.Http.Json.JsonContent.Create(new
            {
                query = document,
                variables = new { id = ShopifyGid.For("Product", ids[i % ids.Count]) },
            }))));
        }
        var unpaced = Store.Stats.GraphQLThrottled;
        Assert.True(unpaced > 0, "the burst must be bigger than the bucket");
        await Task.Delay(TimeSpan.FromSeconds(2.5)); // the bucket restores (500 a second)

        var read = await Task.WhenAll(Enumerable.Range(0, 40).Select(i => client.GetProductAsync(ids[i % ids.Count])));

        Assert.All(read, Assert.NotNull);
        Assert.Equal(unpaced, Store.Stats.GraphQLThrottled); // not one more THROTTLED answer
        Assert.Equal(0, services.GetRequiredService<ShopifyGraphQLPacers>().For(Store.BaseUrl).Throttled);
    }

    [Fact]
    public async Task ACallAfterAnotherClientDrainedTheBucketWaitsForTheRestoreRateAndSucceeds()
    {
        var services = CreateServices();
        var client = CreateClient(services);
        await client.GetShopAsync(); // the pacer learns the bucket
        Store.GraphQL.BucketFor(Token).Drain(); // another client of the same app spends it all

        // A product read asks for 176 points: at 500 a second the bucket needs a third of a second to hold them again.
        var watch = Stopwatch.StartNew();
        var missing = await client.GetProductAsync(12345);
        watch.Stop();

        Assert.Null(missing);
        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(300), $"{watch.Elapsed.TotalMilliseconds:0} ms");
        // The pacer could not know: the store said THROTTLED, and the client waited for the restore rate and asked again.
        Assert.True(Store.Stats.GraphQLThrottled >= 1);
        Assert.Equal(Store.Stats.GraphQLThrottled, services.GetRequiredService<ShopifyGraphQLPacers>().For(Store.BaseUrl).Throttled);
        Assert.Equal(1, Store.Stats.ByOperation.GetValueOrDefault("GraphQL product") - Store.Stats.GraphQLThrottled);
    }

    [Fact]
    public async Task TheWholeCatalogueIsReadThroughOneBulkOperationAndStreamed()
    {
        await SeedAsync(120, 4);
        var client = CreateClient();
        var pagesBefore = Store.Stats.ByOperation.GetValueOrDefault("GraphQL products");

        var products = new List<StoreProduct>();
        await foreach (var product in client.ListProductsAsync())
        {
            products.Add(product);
        }

        Assert.Equal(120, products.Count);
        Assert.All(products, p => Assert.Equal(4, p.Variants.Count));
        Assert.Equal(Enumerable.Range(1, 120).SelectMany(i => Enumerable.Range(1, 4).Select(v => $"P{i:000}-{v}")).Order(),
            products.SelectMany(p => p.Variants).Select(v => v.Sku!).Order());
        var sample = products.Single(p => p.Title == "Product 007");
        Assert.Equal([11m, 12m, 13m, 14m], sample.Variants.Select(v => v.Price));
        Assert.Equal(["S1", "S2", "S3", "S4"], sample.Variants.Select(v => v.OptionValues[0]));
        Assert.All(sample.Variants, v => Assert.NotNull(v.InventoryItemId));
        Assert.Equal(1, Store.Stats.ByOperation.GetValueOrDefault("GraphQL bulkOperationRunQuery"));
        Assert.Equal(pagesBefore, Store.Stats.ByOperation.GetValueOrDefault("GraphQL products"));
    }

    [Fact]
    public async Task AProductIsCreatedWithItsVariantsMarkerAndStockInOneProductSet()
    {
        var client = CreateClient();
        var draft = new StoreProductDraft
        {
            Title = "Linen shirt",
            Options = [new StoreProductOption("Size", ["S", "M"])],
            Variants =
            [
                new StoreVariantDraft { Sku = "LS-S", Price = 30, OptionValues = ["S"], Available = 5, Weight = 0.3, WeightUnit = "kg" },
                new StoreVariantDraft { Sku = "LS-M", Price = 32, OptionValues = ["M"], Available = 0 },
            ],
            Metafields = [new StoreMetafield("syncdashboard", "source", "urban:1")],
            InventoryLocationId = Store.PrimaryLocationId,
        };

        var created = await client.CreateProductAsync(draft);

        Assert.Equal(1, Store.Stats.ByOperation.GetValueOrDefault("GraphQL productSet"));
        Assert.Equal(0, Store.Stats.ByOperation.GetValueOrDefault("GraphQL inventorySetQuantities"));
        Assert.Equal([5, 0], created.Variants.Select(v => v.InventoryQuantity));
        Assert.Equal(0.3, created.Variants[0].Weight);
        Assert.Equal("urban:1", Assert.Single(await client.GetProductMetafieldsAsync(created.Id, "syncdashboard")).Value);
    }

    [Fact]
    public async Task AStaleExpectedQuantityRefusesTheWholeBatchAndNamesTheItem()
    {
        var client = CreateClient();
        var created = await client.CreateProductAsync(new StoreProductDraft
        {
            Title = "Cap",
            Options = [new StoreProductOption("Color", ["Red", "Blue"])],
            Variants = [new StoreVariantDraft { Sku = "CAP-R", OptionValues = ["Red"] }, new StoreVariantDraft { Sku = "CAP-B", OptionValues = ["Blue"] }],
        });
        var (red, blue) = (created.Variants[0].InventoryItemId!.Value, created.Variants[1].InventoryItemId!.Value);
        var location = Store.PrimaryLocationId;
        await client.SetInventoryLevelsAsync([new(red, location, 4), new(blue, location, 6)]);

        // Someone else sells one red cap meanwhile: red is 3, the caller still believes 4.
        await client.SetInventoryLevelAsync(red, location, 3);
        var conflict = await Assert.ThrowsAsync<StoreInventoryConflictException>(() =>
            client.SetInventoryLevelsAsync([new(red, location, 10, Expected: 4), new(blue, location, 20, Expected: 6)]));

        Assert.Equal([red], conflict.StaleInventoryItemIds);
        var levels = (await client.GetInventoryLevelsAsync([red, blue], location)).ToDictionary(l => l.InventoryItemId, l => l.Available);
        Assert.Equal(3, levels[red]);
        Assert.Equal(6, levels[blue]); // nothing of the refused call was applied
        await client.SetInventoryLevelsAsync([new(red, location, 10, Expected: 3), new(blue, location, 20, Expected: 6)]);
        Assert.Equal([10, 20], (await client.GetInventoryLevelsAsync([red, blue], location)).OrderBy(l => l.InventoryItemId == blue).Select(l => l.Available));
    }

    [Fact]
    public async Task AnAppWithAClientIdAndSecretGetsATokenOnceAndAnotherAfterA401()
    {
        var services = CreateServices();
        var factory = services.GetRequiredService<IStoreClientFactory>();
        var client = factory.Create(new StoreEndpoint(Store.Name, Store.BaseUrl, AccessToken: "", 20, 40)
        {
            App = new StoreAppCredentials(ClientId, ClientSecret),
        });
        var tokens = services.GetRequiredService<ShopifyAccessTokens>();

        await client.GetShopAsync();
        await client.CountProductsAsync();
        Assert.Equal(1, tokens.Requested);
        Assert.Equal(1, Store.AccessTokens.ActiveAccessTokens);

        Store.AccessTokens.RevokeAll(); // the merchant rotated the app's secret... or the token was revoked
        await client.CountProductsAsync(); // 401, a new token, the same call again

        Assert.Equal(2, tokens.Requested);
        Assert.Equal(1, Store.AccessTokens.ActiveAccessTokens);
        var wrong = factory.Create(new StoreEndpoint(Store.Name, Store.BaseUrl, "", 20, 40) { App = new StoreAppCredentials(ClientId, "shpss_wrong") });
        var refused = await Assert.ThrowsAsync<StoreApiException>(() => wrong.GetShopAsync());
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Contains("refused the app's client id or secret", refused.Message);
        Assert.DoesNotContain("shpss_wrong", refused.ToString());
    }
}
