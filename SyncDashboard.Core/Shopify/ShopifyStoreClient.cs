using System.Globalization;
using System.Net;
using System.Runtime.CompilerServices;
using Polly.CircuitBreaker;
using Polly.Timeout;
using Refit;
using SyncDashboard.Core.Shopify.Models;
using SyncDashboard.Core.Stores;

namespace SyncDashboard.Core.Shopify;

/// <summary>
/// <see cref="IStoreClient"/> over the Shopify Admin REST API. The same client reaches a real store
/// and a demo store: only the endpoint's base URL and token differ. Every call goes through the
/// shared <c>shopify</c> HTTP pipeline (pacing, retries, circuit breaker, timeouts), and every
/// error comes out as a <see cref="StoreApiException"/> (<see cref="StoreUnavailableException"/>
/// when the store could not be reached or its circuit is open).
/// </summary>
public sealed class ShopifyStoreClient : IStoreClient
{
    /// <summary>Shopify's largest page.</summary>
    public const int MaxPageSize = 250;

    /// <summary>Inventory item ids per <c>inventory_levels.json</c> call: Shopify takes at most 50.</summary>
    private const int InventoryItemIdsPerRequest = 50;

    /// <summary>Product ids per <c>products.json?ids=</c> call: one full page.</summary>
    private const int ProductIdsPerRequest = MaxPageSize;

    private readonly Func<IShopifyAdminApi> _api;

    /// <param name="endpoint">The store.</param>
    /// <param name="api">
    /// Gives the Refit client for one call. The factory gives a new one, over a new HttpClient of
    /// IHttpClientFactory, each time, so that a long-lived store client still follows handler rotation.
    /// </param>
    public ShopifyStoreClient(StoreEndpoint endpoint, Func<IShopifyAdminApi> api)
    {
        Endpoint = endpoint;
        _api = api;
    }

    public StoreEndpoint Endpoint { get; }

    public string StoreName => Endpoint.Name;

    /// <summary><c>{baseUrl}/admin/api/{version}/</c>.</summary>
    public static Uri ApiBaseAddress(Uri storeBaseUrl, string apiVersion)
    {
        var origin = storeBaseUrl.AbsoluteUri.EndsWith('/') ? storeBaseUrl : new Uri(storeBaseUrl.AbsoluteUri + "/");
        return new Uri(origin, $"admin/api/{apiVersion}/");
    }

    // ------------------------------------------------------------------ products

    public async IAsyncEnumerable<StoreProduct> ListProductsAsync(ProductFilter? filter = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        filter ??= new ProductFilter();
        var limit = Math.Clamp(filter.PageSize, 1, MaxPageSize);
        var first = new ProductListQuery
        {
            Limit = limit,
            SinceId = filter.SinceId,
            UpdatedAtMin = filter.UpdatedAtMin is { } min
                ? min.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)
                : null,
        };
        // Ids travel in the URL: a long list is asked for in chunks, each chunk paged.
        IEnumerable<ProductListQuery> queries = filter.Ids is { } ids
            ? ids.Distinct().Chunk(ProductIdsPerRequest).Select(chunk => first with { Ids = string.Join(',', chunk), Limit = MaxPageSize })
            : [first];
        foreach (var query in queries)
        {
            var page = query;
            while (page is not null)
            {
                var (products, next) = await ListProductsPageAsync(page, cancellationToken).ConfigureAwait(false);
                foreach (var product in products)
                {
                    yield return ShopifyProductMapper.ToStoreProduct(product);
                }
                // As Shopify requires, a request that follows a cursor carries the cursor and the limit only.
                page = next is null ? null : new ProductListQuery { Limit = limit, PageInfo = next };
            }
        }
    }

    private async Task<(List<ShopifyProduct> Products, string? Next)> ListProductsPageAsync(ProductListQuery query, CancellationToken cancellationToken)
    {
        var response = await CallAsync(api => api.ListProductsAsync(query, cancellationToken)).ConfigureAwait(false);
        using (response)
        {
            var envelope = Content(response);
            return (envelope.Products ?? [], ShopifyLinkHeader.NextPageInfo(response.Headers));
        }
    }

    public async Task<long> CountProductsAsync(CancellationToken cancellationToken = default) =>
        (await CallAsync(api => api.CountProductsAsync(cancellationToken: cancellationToken)).ConfigureAwait(false)).Count;

    public async Task<StoreProduct?> GetProductAsync(long productId, CancellationToken cancellationToken = default)
    {
        var envelope = await CallAsync(api => api.GetProductAsync(productId, cancellationToken: cancellationToken), nullOn404: true)
            .ConfigureAwait(false);
        return envelope is null ? null : ShopifyProductMapper.ToStoreProduct(envelope.Product);
    }

    /// <summary>
    /// Creates a product (<c>POST products.json</c>). Retried only after a 429, which Shopify answers
    /// before doing anything. After a server error, a timeout or a lost connection it is NOT retried,
    /// since the store may have created the product all the same: before creating it again, look for
    /// it (for example by its handle, or by a tag or SKU that the caller put on it) so as not to
    /// create a duplicate.
    /// </summary>
    public async Task<StoreProduct> CreateProductAsync(StoreProductDraft product, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(product);
        var body = ShopifyProductMapper.ToCreateBody(product);
        var created = await CallAsync(api => api.CreateProductAsync(body, cancellationToken)).ConfigureAwait(false);
        return ShopifyProductMapper.ToStoreProduct(created.Product);
    }

    /// <summary>
    /// Changes the fields that <paramref name="update"/> sets (<c>PUT products/{id}.json</c>). Variant
    /// changes first read the product's variants, because Shopify replaces the variant list with the
    /// one sent. A price change whose <c>CompareAtPrice</c> is null clears the variant's compare-at price.
    /// </summary>
    public async Task<StoreProduct> UpdateProductAsync(long productId, StoreProductUpdate update, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(update);
        IReadOnlyList<long>? variantIds = null;
        if (update.Variants is { Count: > 0 })
        {
            var current = await CallAsync(api => api.GetProductAsync(productId, "id,variants", cancellationToken)).ConfigureAwait(false);
            variantIds = [.. (current.Product.Variants ?? []).Select(v => v.Id ?? 0).Where(id => id != 0)];
        }
        var body = ShopifyProductMapper.ToUpdateBody(productId, update, variantIds);
        var updated = await CallAsync(api => api.UpdateProductJsonAsync(productId, body, cancellationToken)).ConfigureAwait(false);
        return ShopifyProductMapper.ToStoreProduct(updated.Product);
    }

    public async Task<bool> DeleteProductAsync(long productId, CancellationToken cancellationToken = default) =>
        await CallAsync(async api =>
        {
            await api.DeleteProductAsync(productId, cancellationToken).ConfigureAwait(false);
            return true;
        }, nullOn404: false, falseOn404: true).ConfigureAwait(false);

    /// <summary>
    /// Adds a variant (<c>POST products/{id}/variants.json</c>). Like every create, retried only after
    /// a 429: after a server error or a timeout, look for a variant with its SKU before trying again.
    /// </summary>
    public async Task<StoreVariant> CreateVariantAsync(long productId, StoreVariantDraft variant, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(variant);
        var body = ShopifyProductMapper.ToVariantCreateBody(variant);
        var created = await CallAsync(api => api.CreateVariantAsync(productId, body, cancellationToken)).ConfigureAwait(false);
        return ShopifyProductMapper.ToStoreVariant(created.Variant);
    }

    public async Task<bool> DeleteVariantAsync(long productId, long variantId, CancellationToken cancellationToken = default) =>
        await CallAsync(async api =>
        {
            await api.DeleteVariantAsync(productId, variantId, cancellationToken).ConfigureAwait(false);
            return true;
        }, nullOn404: false, falseOn404: true).ConfigureAwait(false);

    // ------------------------------------------------------------------ metafields

    public async Task<IReadOnlyList<StoreMetafield>> GetProductMetafieldsAsync(long productId, string? @namespace = null,
        CancellationToken cancellationToken = default)
    {
        var metafields = await CallAsync(api => api.ListProductMetafieldsAsync(productId, @namespace, cancellationToken)).ConfigureAwait(false);
        return [.. (metafields.Metafields ?? []).Select(ShopifyProductMapper.ToStoreMetafield)];
    }

    /// <summary>
    /// Reads the product's metafields of that namespace, then changes the one with the same key
    /// (<c>PUT</c>) or creates it (<c>POST</c>), so that a repeat never makes a second one.
    /// </summary>
    public async Task<StoreMetafield> SetProductMetafieldAsync(long productId, StoreMetafield metafield, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(metafield);
        var existing = (await GetProductMetafieldsAsync(productId, metafield.Namespace, cancellationToken).ConfigureAwait(false))
            .FirstOrDefault(m => m.Key == metafield.Key);
        if (existing is not null && existing.Value == metafield.Value && existing.Type == metafield.Type)
        {
            return existing;
        }
        var body = new System.Text.Json.Nodes.JsonObject
        {
            ["metafield"] = ShopifyProductMapper.ToMetafieldJson(metafield with { Id = existing?.Id ?? 0 }),
        };
        var saved = existing is null
            ? await CallAsync(api => api.CreateProductMetafieldAsync(productId, body, cancellationToken)).ConfigureAwait(false)
            : await CallAsync(api => api.UpdateProductMetafieldAsync(productId, existing.Id, body, cancellationToken)).ConfigureAwait(false);
        return ShopifyProductMapper.ToStoreMetafield(saved.Metafield);
    }

    // ------------------------------------------------------------------ inventory

    public async Task<IReadOnlyList<StoreInventoryLevel>> GetInventoryLevelsAsync(
        IReadOnlyCollection<long> inventoryItemIds, long? locationId = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(inventoryItemIds);
        var levels = new List<StoreInventoryLevel>();
        foreach (var chunk in inventoryItemIds.Distinct().Chunk(InventoryItemIdsPerRequest))
        {
            InventoryLevelQuery? query = new()
            {
                InventoryItemIds = string.Join(',', chunk),
                LocationIds = locationId?.ToString(CultureInfo.InvariantCulture),
                Limit = MaxPageSize,
            };
            while (query is not null)
            {
                var page = query;
                var response = await CallAsync(api => api.ListInventoryLevelsAsync(page, cancellationToken)).ConfigureAwait(false);
                using (response)
                {
                    levels.AddRange((Content(response).InventoryLevels ?? []).Select(ShopifyProductMapper.ToStoreInventoryLevel));
                    var next = ShopifyLinkHeader.NextPageInfo(response.Headers);
                    query = next is null ? null : new InventoryLevelQuery { Limit = MaxPageSize, PageInfo = next };
                }
            }
        }
        return levels;
    }

    public async Task<StoreInventoryLevel> SetInventoryLevelAsync(long inventoryItemId, long locationId, int available,
        CancellationToken cancellationToken = default)
    {
        var request = new SetInventoryLevelRequest(locationId, inventoryItemId, available);
        var level = await CallAsync(api => api.SetInventoryLevelAsync(request, cancellationToken)).ConfigureAwait(false);
        return ShopifyProductMapper.ToStoreInventoryLevel(level.InventoryLevel);
    }

    public async Task<StoreInventoryLevel> AdjustInventoryLevelAsync(long inventoryItemId, long locationId, int adjustment,
        CancellationToken cancellationToken = default)
    {
        var request = new AdjustInventoryLevelRequest(locationId, inventoryItemId, adjustment);
        var level = await CallAsync(api => api.AdjustInventoryLevelAsync(request, cancellationToken)).ConfigureAwait(false);
        return ShopifyProductMapper.ToStoreInventoryLevel(level.InventoryLevel);
    }

    public async Task<IReadOnlyList<StoreLocation>> ListLocationsAsync(CancellationToken cancellationToken = default)
    {
        var locations = await CallAsync(api => api.ListLocationsAsync(cancellationToken)).ConfigureAwait(false);
        return [.. (locations.Locations ?? []).Select(ShopifyProductMapper.ToStoreLocation)];
    }

    // ------------------------------------------------------------------ shop

    public async Task<StoreShop> GetShopAsync(CancellationToken cancellationToken = default)
    {
        var shop = (await CallAsync(api => api.GetShopAsync(cancellationToken)).ConfigureAwait(false)).Shop
            ?? throw new StoreApiException(StoreName, HttpStatusCode.OK, "GET shop.json answered without a shop.");
        return new StoreShop(shop.Name ?? StoreName, (shop.MyshopifyDomain ?? shop.Domain ?? Endpoint.BaseUrl.Host).ToLowerInvariant(), shop.PrimaryLocationId);
    }

    // ------------------------------------------------------------------ webhooks

    public async Task<IReadOnlyList<StoreWebhookSubscription>> ListWebhooksAsync(CancellationToken cancellationToken = default)
    {
        var webhooks = await CallAsync(api => api.ListWebhooksAsync(cancellationToken: cancellationToken)).ConfigureAwait(false);
        return [.. (webhooks.Webhooks ?? []).Select(ShopifyProductMapper.ToStoreWebhook)];
    }

    /// <summary>Subscribes <paramref name="address"/> to <paramref name="topic"/>. Like every create, not retried after a server error.</summary>
    public async Task<StoreWebhookSubscription> SubscribeWebhookAsync(string topic, Uri address, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(topic);
        ArgumentNullException.ThrowIfNull(address);
        var body = new WebhookEnvelope(new ShopifyWebhook { Topic = topic, Address = address.AbsoluteUri, Format = "json" });
        var created = await CallAsync(api => api.CreateWebhookAsync(body, cancellationToken)).ConfigureAwait(false);
        return ShopifyProductMapper.ToStoreWebhook(created.Webhook);
    }

    public async Task<bool> DeleteWebhookAsync(long webhookId, CancellationToken cancellationToken = default) =>
        await CallAsync(async api =>
        {
            await api.DeleteWebhookAsync(webhookId, cancellationToken).ConfigureAwait(false);
            return true;
        }, nullOn404: false, falseOn404: true).ConfigureAwait(false);

    // ------------------------------------------------------------------ calls and errors

    private Task<T> CallAsync<T>(Func<IShopifyAdminApi, Task<T>> call) => CallAsync(call, nullOn404: false)!;

    private async Task<T?> CallAsync<T>(Func<IShopifyAdminApi, Task<T>> call, bool nullOn404, bool falseOn404 = false)
    {
        T result;
        try
        {
            result = await call(_api()).ConfigureAwait(false);
        }
        catch (ApiException e) when (e.StatusCode == HttpStatusCode.NotFound && (nullOn404 || falseOn404))
        {
            return default; // null, or false for a bool
        }
        catch (Exception e) when (Translate(e) is { } translated)
        {
            throw translated;
        }
        if (result is IApiResponse { Error: { } error } response)
        {
            response.Dispose();
            throw Translate(error) ?? error;
        }
        return result;
    }

    private static T Content<T>(IApiResponse<T> response) =>
        response.Content ?? throw new JsonContentException("The store answered with an empty body.");

    /// <summary>The store-neutral exception for <paramref name="exception"/>, or null to let it through (cancellation).</summary>
    internal Exception? Translate(Exception exception) => exception is JsonContentException content
        ? new StoreApiException(StoreName, HttpStatusCode.OK, content.Message, inner: content)
        : ShopifyCallErrors.Translate(exception, StoreName, Endpoint.BaseUrl,
            exception is ApiRequestException request ? Describe(request.HttpMethod, request.Uri) : "a request", FromResponse);

    private StoreApiException FromResponse(ApiException api)
    {
        var operation = Describe(api.HttpMethod, api.Uri);
        var status = (int)api.StatusCode;
        if (api.InnerException is System.Text.Json.JsonException json && api.StatusCode < HttpStatusCode.BadRequest)
        {
            return new StoreApiException(StoreName, api.StatusCode, $"{operation}: the store's answer could not be read ({json.Message})", inner: json);
        }
        var errors = ShopifyErrors.Parse(api.Content);
        var details = ShopifyErrors.Describe(errors, api.Content);
        var hint = api.StatusCode switch
        {
            HttpStatusCode.Unauthorized => " (check the store's access token)",
            HttpStatusCode.Forbidden => " (the access token lacks a scope this call needs)",
            HttpStatusCode.TooManyRequests => " (still throttled after the retries: is the store's RequestsPerSecond right?)",
            _ => "",
        };
        // The Refit exception is not kept as the inner one: it holds the request and its token header.
        return new StoreApiException(StoreName, api.StatusCode,
            $"{operation} answered {status} {ReasonPhrase(api)}: {details}{hint}", errors);
    }

    private static string Describe(HttpMethod? method, Uri? uri) =>
        $"{method?.Method ?? "?"} {uri?.PathAndQuery ?? "?"}";

    private static string ReasonPhrase(ApiException api) =>
        string.IsNullOrEmpty(api.ReasonPhrase) ? api.StatusCode.ToString() : api.ReasonPhrase;

    /// <summary>A response that should have had a body and had none.</summary>
    private sealed class JsonContentException(string message) : Exception(message);
}
