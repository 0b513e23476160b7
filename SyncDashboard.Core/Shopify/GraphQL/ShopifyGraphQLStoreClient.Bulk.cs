using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using SyncDashboard.Core.Stores;

namespace SyncDashboard.Core.Shopify.GraphQL;

// The whole catalogue through a bulk operation: started, polled, and its JSONL result read as a stream.
public sealed partial class ShopifyGraphQLStoreClient
{
    /// <summary>The longest wait between two looks at a running bulk operation.</summary>
    public static readonly TimeSpan MaxBulkPollInterval = TimeSpan.FromSeconds(2);

    /// <summary>How long a bulk operation may run before the read gives up.</summary>
    public static readonly TimeSpan MaxBulkWait = TimeSpan.FromHours(2);

    /// <summary>The named HttpClient that downloads bulk results (signed URLs: no access token).</summary>
    public const string BulkHttpClientName = "shopify-bulk";

    /// <summary>
    /// Every product of the store, read through one bulk operation (<c>bulkOperationRunQuery</c>,
    /// polled until COMPLETED) and streamed from its JSONL result line by line, so memory stays flat
    /// however large the catalogue. Null when the store refuses to start one (another bulk query of
    /// the app is running, for example): the caller pages instead.
    /// </summary>
    private async Task<IAsyncEnumerable<StoreProduct>?> TryReadAllByBulkAsync(CancellationToken cancellationToken)
    {
        var started = await ExecuteAsync("BulkOperationRunQuery", ShopifyGraphQLDocuments.BulkOperationRunQuery,
            new JsonObject { ["query"] = ShopifyGraphQLDocuments.BulkProducts }, 10, safeToRepeat: false, cancellationToken).ConfigureAwait(false);
        var payload = started.GetProperty("bulkOperationRunQuery");
        if (payload.GetProperty("userErrors").GetArrayLength() > 0 || payload.GetProperty("bulkOperation").ValueKind != JsonValueKind.Object)
        {
            return null;
        }
        var id = payload.GetProperty("bulkOperation").GetProperty("id").GetString()!;
        var url = await WaitForBulkAsync(id, cancellationToken).ConfigureAwait(false);
        return url is null ? AsyncEnumerable.Empty<StoreProduct>() : ReadJsonlAsync(url, cancellationToken);
    }

    /// <summary>Polls the operation until it ends; its result's URL (null when it found nothing).</summary>
    /// <exception cref="StoreApiException">The operation failed, was cancelled or expired.</exception>
    private async Task<Uri?> WaitForBulkAsync(string id, CancellationToken cancellationToken)
    {
        var interval = TimeSpan.FromMilliseconds(100);
        var began = _time.GetTimestamp();
        while (true)
        {
            var data = await ExecuteAsync("BulkOperation", ShopifyGraphQLDocuments.BulkOperation, new JsonObject { ["id"] = id }, 1,
                safeToRepeat: true, cancellationToken).ConfigureAwait(false);
            var operation = data.GetProperty("bulkOperation");
            var status = operation.GetProperty("status").GetString();
            switch (status)
            {
                case "COMPLETED":
                    return operation.GetProperty("url") is { ValueKind: JsonValueKind.String } url ? new Uri(url.GetString()!) : null;
                case "FAILED" or "CANCELED" or "CANCELING" or "EXPIRED":
                    var code = operation.TryGetProperty("errorCode", out var error) && error.ValueKind == JsonValueKind.String ? error.GetString() : null;
                    throw new StoreApiException(StoreName, System.Net.HttpStatusCode.BadGateway,
                        $"the bulk read of the catalogue ended {status}{(code is null ? "" : $" ({code})")}.");
            }
            if (_time.GetElapsedTime(began) > MaxBulkWait)
            {
                throw new StoreApiException(StoreName, System.Net.HttpStatusCode.GatewayTimeout,
                    $"the bulk read of the catalogue was still {status} after {MaxBulkWait.TotalHours:0} hours.");
            }
            await Task.Delay(interval, _time, cancellationToken).ConfigureAwait(false);
            interval = TimeSpan.FromTicks(Math.Min(interval.Ticks * 2, MaxBulkPollInterval.Ticks));
        }
    }

    /// <summary>
    /// Reads a JSONL result: a product line starts a product; the lines that follow with its id as
    /// <c>__parentId</c> are its variants and images. One product is held at a time.
    /// </summary>
    private async IAsyncEnumerable<StoreProduct> ReadJsonlAsync(Uri url, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var http = _bulkHttp();
        HttpResponseMessage answer;
        try
        {
            answer = await http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException e) when (e.InnerException is StoreAddressRefusedException refused)
        {
            throw refused; // the result's address (the store gave it) is on a private or local network
        }
        using var response = answer;
        if (!response.IsSuccessStatusCode)
        {
            throw new StoreApiException(StoreName, response.StatusCode, $"the bulk result could not be downloaded ({(int)response.StatusCode}).");
        }
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        using var reader = new StreamReader(stream);
        GqlProduct? product = null;
        var variants = new List<GqlVariant>();
        var media = new List<GqlMedia>();
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            if (line.Length == 0)
            {
                continue;
            }
            using var document = JsonDocument.Parse(line);
            var root = document.RootElement;
            if (!root.TryGetProperty("__parentId", out _))
            {
                if (product is not null)
                {
                    yield return Assemble(product, variants, media);
                }
                product = root.Deserialize<GqlProduct>(ShopifyGraphQLJson.Options)!;
                variants.Clear();
                media.Clear();
                continue;
            }
            var id = root.TryGetProperty("id", out var childId) ? childId.GetString() ?? "" : "";
            if (id.StartsWith("gid://shopify/ProductVariant/", StringComparison.Ordinal))
            {
                variants.Add(root.Deserialize<GqlVariant>(ShopifyGraphQLJson.Options)!);
            }
            else if (id.StartsWith("gid://shopify/MediaImage/", StringComparison.Ordinal))
            {
                media.Add(root.Deserialize<GqlMedia>(ShopifyGraphQLJson.Options)!);
            }
        }
        if (product is not null)
        {
            yield return Assemble(product, variants, media);
        }
    }

    private static StoreProduct Assemble(GqlProduct product, List<GqlVariant> variants, List<GqlMedia> media) =>
        ShopifyGraphQLMapper.ToStoreProduct(product with { Media = new GqlConnection<GqlMedia>([.. media], null) },
            [.. variants.OrderBy(v => v.Position)]);
}
