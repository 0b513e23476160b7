using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Polly.CircuitBreaker;
using Polly.Timeout;
using Refit;
using SyncDashboard.Core.Stores;

namespace SyncDashboard.Core.Shopify.GraphQL;

// Sending documents: pacing by cost, THROTTLED answers waited out and sent again, and every error
// turned into a StoreApiException that names the operation and (for user errors) the input field.
public sealed partial class ShopifyGraphQLStoreClient
{
    /// <summary>How long a call keeps waiting out THROTTLED answers (another client draining the bucket) before it gives up.</summary>
    public static readonly TimeSpan MaxThrottledWait = TimeSpan.FromMinutes(2);

    // The requested cost each operation last had, learned from the answers (shared by every store).
    private static readonly ConcurrentDictionary<string, int> LearnedCosts = new();

    /// <summary>
    /// Sends a document and returns its <c>data</c>. Waits in the store's pacer for the operation's
    /// cost (<paramref name="estimatedCost"/> until an answer tells the real one); a THROTTLED answer
    /// is waited out at the bucket's restore rate and sent again, for up to <see cref="MaxThrottledWait"/>.
    /// </summary>
    /// <exception cref="StoreApiException">The store refused the request, or answered errors.</exception>
    private async Task<JsonElement> ExecuteAsync(string operation, string document, JsonObject? variables, int estimatedCost,
        bool safeToRepeat, CancellationToken cancellationToken)
    {
        var cost = LearnedCosts.TryGetValue(operation, out var learned) ? learned : estimatedCost;
        var started = _time.GetTimestamp();
        var request = new ShopifyGraphQLRequest(document, variables, operation);
        while (true)
        {
            var reserved = cost;
            await _pacer.WaitAsync(reserved, cancellationToken).ConfigureAwait(false);
            ShopifyGraphQLResponse answer;
            try
            {
                answer = await SendAsync(operation, request, safeToRepeat, cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                _pacer.OnAnswer(reserved, status: null);
                throw;
            }
            var status = answer.Extensions?.Cost?.ThrottleStatus;
            var throttled = answer.Errors?.Any(e => e.Code == "THROTTLED") == true;
            _pacer.OnAnswer(reserved, status, throttled);
            if (answer.Extensions?.Cost is { RequestedQueryCost: > 0 } answered)
            {
                LearnedCosts[operation] = answered.RequestedQueryCost;
                cost = answered.RequestedQueryCost;
            }
            if (throttled)
            {
                if (status is { MaximumAvailable: > 0 } bucket && cost > bucket.MaximumAvailable)
                {
                    throw new StoreApiException(StoreName, HttpStatusCode.TooManyRequests,
                        $"GraphQL {operation} costs {cost} points, more than the store's whole bucket ({bucket.MaximumAvailable:0}).");
                }
                if (_time.GetElapsedTime(started) > MaxThrottledWait)
                {
                    throw new StoreApiException(StoreName, HttpStatusCode.TooManyRequests,
                        $"GraphQL {operation} was still throttled after {MaxThrottledWait.TotalMinutes:0} minutes (another app may be using this store's limit).");
                }
                await Task.Delay(ShopifyGraphQLPacer.RestoreTime(cost, status), _time, cancellationToken).ConfigureAwait(false);
                continue;
            }
            if (answer.Errors is { Count: > 0 } errors)
            {
                var code = errors[0].Code;
                var httpStatus = code switch
                {
                    "ACCESS_DENIED" => HttpStatusCode.Forbidden,
                    "INTERNAL_SERVER_ERROR" => HttpStatusCode.InternalServerError,
                    "MAX_COST_EXCEEDED" => HttpStatusCode.BadRequest,
                    _ => HttpStatusCode.BadRequest,
                };
                throw new StoreApiException(StoreName, httpStatus, $"GraphQL {operation} failed: {string.Join("; ", errors.Select(e => e.Message))}");
            }
            return answer.Data ?? throw new StoreApiException(StoreName, HttpStatusCode.OK, $"GraphQL {operation} answered without data.");
        }
    }

    private async Task<ShopifyGraphQLResponse> SendAsync(string operation, ShopifyGraphQLRequest request, bool safeToRepeat, CancellationToken cancellationToken)
    {
        IApiResponse<ShopifyGraphQLResponse> response;
        try
        {
            response = await _api().PostAsync(request, safeToRepeat, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (Translate(e, operation) is { } translated)
        {
            throw translated;
        }
        using (response)
        {
            if (response.Error is { } error)
            {
                throw Translate(error, operation) ?? error;
            }
            return response.Content ?? throw new StoreApiException(StoreName, HttpStatusCode.OK, $"GraphQL {operation} answered with an empty body.");
        }
    }

    /// <summary>The mutation's payload; its <c>userErrors</c>, if any, thrown as a 422 naming each input field.</summary>
    private T Payload<T>(JsonElement data, string mutation, string operation)
    {
        var payload = data.GetProperty(mutation);
        if (payload.TryGetProperty("userErrors", out var errors) && errors.GetArrayLength() > 0)
        {
            var userErrors = errors.Deserialize<List<GqlUserError>>(ShopifyGraphQLJson.Options)!;
            throw UserErrors(operation, userErrors);
        }
        return payload.Deserialize<T>(ShopifyGraphQLJson.Options)!;
    }

    private StoreApiException UserErrors(string operation, IReadOnlyList<GqlUserError> errors)
    {
        // Keyed by the field's path below the argument ("title", "variants.0.price"), as REST keys its field errors.
        var byField = errors
            .GroupBy(e => e.Field is { Count: > 1 } field ? string.Join('.', field.Skip(1)) : e.Field is { Count: 1 } single ? single[0] : "base")
            .ToDictionary(g => g.Key, g => (IReadOnlyList<string>)[.. g.Select(e => e.Message)]);
        var described = string.Join("; ", errors.Select(e => e.Field is { Count: > 0 } field ? $"{string.Join('.', field)}: {e.Message}" : e.Message));
        return new StoreApiException(StoreName, HttpStatusCode.UnprocessableEntity, $"GraphQL {operation} was refused: {described}", byField);
    }

    private T Read<T>(JsonElement data, string property) => data.GetProperty(property).Deserialize<T>(ShopifyGraphQLJson.Options)!;

    /// <summary>The store-neutral exception for <paramref name="exception"/>, or null to let it through (cancellation).</summary>
    private Exception? Translate(Exception exception, string operation) =>
        ShopifyCallErrors.Translate(exception, StoreName, Endpoint.BaseUrl, $"GraphQL {operation}", answer =>
        {
            var hint = answer.StatusCode switch
            {
                HttpStatusCode.Unauthorized => " (check the store's credentials)",
                HttpStatusCode.Forbidden => " (the app lacks a scope this call needs)",
                HttpStatusCode.NotFound => " (is this a Shopify store, and is the API version served?)",
                _ => "",
            };
            return new StoreApiException(StoreName, answer.StatusCode, $"GraphQL {operation} answered {(int)answer.StatusCode} {answer.ReasonPhrase}{hint}");
        });
}
