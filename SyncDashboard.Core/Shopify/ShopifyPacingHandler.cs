using System.Globalization;
using System.Net;
using Microsoft.Extensions.Logging;

namespace SyncDashboard.Core.Shopify;

/// <summary>
/// Paces every REST attempt to a store through its <see cref="ShopifyRequestPacer"/> and feeds the
/// pacer the store's <c>X-Shopify-Shop-Api-Call-Limit</c> and 429s (GraphQL requests, limited by
/// cost in a bucket of their own, pass through). It sits inside the resilience
/// handler, so that retries are paced too.
/// </summary>
public sealed partial class ShopifyPacingHandler(ShopifyRequestPacers pacers, TimeProvider time, ILogger<ShopifyPacingHandler> logger)
    : DelegatingHandler
{
    public const string CallLimitHeader = "X-Shopify-Shop-Api-Call-Limit";

    /// <summary>Set on a request once its current attempt has left the pacer for the store (false while it waits).</summary>
    public static readonly HttpRequestOptionsKey<bool> SentToStore = new("SyncDashboard.Shopify.SentToStore");

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var uri = request.RequestUri ?? throw new InvalidOperationException("The request has no URI.");
        if (GraphQL.ShopifyGraphQLRequestOptions.IsGraphQL(request))
        {
            // GraphQL has a cost bucket of its own, paced by the GraphQL client from each answer.
            request.Options.Set(SentToStore, true);
            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        request.Options.Set(SentToStore, false);
        var pacer = pacers.For(uri);
        var queuedAt = time.GetTimestamp();
        await pacer.WaitTurnAsync(cancellationToken).ConfigureAwait(false);
        var waited = time.GetElapsedTime(queuedAt);
        if (waited >= TimeSpan.FromSeconds(1))
        {
            LogPaced(uri.Authority, waited.TotalSeconds);
        }

        request.Options.Set(SentToStore, true);
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        var limit = ParseCallLimit(response);
        if (response.StatusCode == HttpStatusCode.TooManyRequests)
        {
            pacer.OnThrottled(limit?.Size);
            LogThrottled(uri.Authority, request.Method, uri.AbsolutePath, pacer.RequestsPerSecond);
        }
        else if (limit is { } callLimit)
        {
            pacer.OnResponse(callLimit.Used, callLimit.Size);
        }
        return response;
    }

    /// <summary>Reads <c>X-Shopify-Shop-Api-Call-Limit: used/size</c>, or null when absent or malformed.</summary>
    public static (int Used, int Size)? ParseCallLimit(HttpResponseMessage response) =>
        response.Headers.NonValidated.TryGetValues(CallLimitHeader, out var values)
            ? ParseCallLimit(values.FirstOrDefault())
            : null;

    /// <inheritdoc cref="ParseCallLimit(HttpResponseMessage)"/>
    public static (int Used, int Size)? ParseCallLimit(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }
        var slash = value.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0
            || !int.TryParse(value.AsSpan(0, slash).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var used)
            || !int.TryParse(value.AsSpan(slash + 1).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var size)
            || size <= 0)
        {
            return null;
        }
        return (used, size);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Waited {Seconds:0.0} s for a free slot in the bucket of {Store}")]
    private partial void LogPaced(string store, double seconds);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "{Store} answered 429 to {Method} {Path}: its bucket is full (is its RequestsPerSecond of {Rate} right?); the request is retried after Retry-After")]
    private partial void LogThrottled(string store, HttpMethod method, string path, double rate);
}
