using System.Net;
using System.Text.Json;
using Polly.CircuitBreaker;
using Polly.Timeout;
using Refit;
using SyncDashboard.Core.Stores;

namespace SyncDashboard.Core.Shopify;

/// <summary>
/// What a failed store call becomes for the engine, the same for both adapters (REST and GraphQL):
/// cancellation passes through; a refusal of the app's credentials while asking for a token is that
/// refusal; a connection refused for its address (<see cref="StoreAddressPolicy"/>) is that
/// <see cref="StoreAddressRefusedException"/>; an open circuit, a timeout after the retries or a store that cannot be reached is a
/// <see cref="StoreUnavailableException"/> (transient); an HTTP error answer is what the adapter makes
/// of it (each reads its store's error bodies); an answer that cannot be read is a <see cref="StoreApiException"/>.
/// Refit's exceptions are never kept as inner ones: they hold the request and its token header.
/// </summary>
internal static class ShopifyCallErrors
{
    /// <param name="operation">The call in words for messages ("GET /admin/api/2026-10/products.json", "GraphQL ProductSet").</param>
    /// <param name="fromAnswer">The adapter's exception for an HTTP error answer.</param>
    /// <returns>The store-neutral exception, or null to let <paramref name="exception"/> through (cancellation, one already translated, one not of a call).</returns>
    public static Exception? Translate(Exception exception, string storeName, Uri baseUrl, string operation, Func<ApiException, Exception> fromAnswer)
    {
        var origin = baseUrl.GetLeftPart(UriPartial.Authority);
        return exception switch
        {
            OperationCanceledException or StoreApiException => null,
            HttpRequestException { InnerException: StoreAddressRefusedException refused } => refused,
            ApiException answer => fromAnswer(answer),
            ApiRequestException { InnerException: OperationCanceledException cancelled } => cancelled,
            ApiRequestException { InnerException: StoreApiException refused } => refused,
            ApiRequestException { InnerException: BrokenCircuitException or TimeoutRejectedException or HttpRequestException } request =>
                Translate(request.InnerException!, storeName, baseUrl, operation, fromAnswer),
            ApiRequestException request => new StoreUnavailableException(storeName,
                $"{operation} could not reach the store at {origin}: {(request.InnerException ?? request).Message}", isCircuitOpen: false, request.InnerException ?? request),
            BrokenCircuitException => new StoreUnavailableException(storeName,
                "the store failed several times in a row, so SyncDashboard pauses its calls there for a few seconds; they resume by themselves.",
                isCircuitOpen: true, exception),
            TimeoutRejectedException => new StoreUnavailableException(storeName, $"{operation} got no answer in time, even after the retries.", isCircuitOpen: false, exception),
            HttpRequestException => new StoreUnavailableException(storeName, $"{operation} could not reach the store at {origin}: {exception.Message}", isCircuitOpen: false, exception),
            JsonException json => new StoreApiException(storeName, HttpStatusCode.OK, $"{operation}: the store's answer could not be read ({json.Message})", inner: json),
            _ => null,
        };
    }
}
