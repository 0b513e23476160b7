using System.Globalization;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Polly;
using Polly.Timeout;
using SyncDashboard.Core.Stores;

namespace SyncDashboard.Core.Shopify;

/// <summary>
/// The resilience pipeline of the <c>shopify</c> HTTP client, one per store (by origin):
/// retry (outer) → circuit breaker → attempt timeout (inner), with the pacer inside them all.
/// <list type="bullet">
/// <item>A 429 is always retried (the store did nothing), after its <c>Retry-After</c> ("2.0" seconds).</item>
/// <item>408, 5xx, timeouts and network errors are retried with exponential backoff and jitter, except
/// for a request that creates something (a POST other than <c>inventory_levels/set.json</c>): the store
/// may have done it, so the caller must check before trying again. An attempt that timed out while
/// still waiting in the pacer, or whose connection could not be opened, never reached the store and
/// is always retried.</item>
/// <item>The circuit counts 408, 5xx, timeouts and network errors of attempts that reached the store, never 429s.</item>
/// <item>A connection refused by <see cref="StoreAddressPolicy"/> (a private or local address) is neither retried nor counted.</item>
/// </list>
/// </summary>
public static class ShopifyResilience
{
    public static void Configure(ResiliencePipelineBuilder<HttpResponseMessage> builder, ResilienceHandlerContext context)
    {
        context.EnableReloads<ShopifyClientOptions>();
        var options = context.GetOptions<ShopifyClientOptions>();
        var pacers = context.ServiceProvider.GetRequiredService<ShopifyRequestPacers>();
        var time = context.ServiceProvider.GetRequiredService<TimeProvider>();
        var maxDelay = options.MaxRetryDelay;

        if (options.MaxRetryAttempts > 0)
        {
            builder.AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = options.MaxRetryAttempts,
                Delay = options.BaseRetryDelay,
                MaxDelay = maxDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                ShouldRetryAfterHeader = false, // .NET cannot read Shopify's "2.0": see RetryAfter.
                ShouldHandle = args => ValueTask.FromResult(ShouldRetry(args.Outcome, args.Context.GetRequestMessage())),
                DelayGenerator = args => ValueTask.FromResult(
                    args.Outcome.Result is { StatusCode: HttpStatusCode.TooManyRequests } throttled
                        && RetryAfter(throttled, time) is { } retryAfter
                        ? (TimeSpan?)(retryAfter < maxDelay ? retryAfter : maxDelay)
                        : null),
                OnRetry = args =>
                {
                    RetriedFailures.Record(args.Outcome.Result is { } answer ? (int)answer.StatusCode : null);
                    return ValueTask.CompletedTask;
                },
            });
        }

        var breaker = options.CircuitBreaker;
        builder.AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
        {
            FailureRatio = breaker.FailureRatio,
            MinimumThroughput = breaker.MinimumThroughput,
            SamplingDuration = breaker.SamplingDuration,
            BreakDuration = breaker.BreakDuration,
            ShouldHandle = args => ValueTask.FromResult(IsStoreFailure(args.Outcome, args.Context.GetRequestMessage())),
        });

        var attemptTimeout = options.AttemptTimeout;
        builder.AddTimeout(new HttpTimeoutStrategyOptions
        {
            Timeout = attemptTimeout,
            // The time the attempt will wait for the store's bucket to drain is not the store's slowness.
            TimeoutGenerator = args => ValueTask.FromResult(
                args.Context.GetRequestMessage()?.RequestUri is { } uri
                    ? attemptTimeout + pacers.For(uri).EstimateWait()
                    : attemptTimeout),
        });
    }

    /// <summary>Whether the retry strategy tries <paramref name="request"/> again after <paramref name="outcome"/>.</summary>
    public static bool ShouldRetry(Outcome<HttpResponseMessage> outcome, HttpRequestMessage? request)
    {
        if (outcome.Result is { } response)
        {
            return response.StatusCode == HttpStatusCode.TooManyRequests
                || (IsServerFailure(response.StatusCode) && IsSafeToRepeat(request));
        }
        return outcome.Exception switch
        {
            TimeoutRejectedException => !ReachedStore(request) || IsSafeToRepeat(request),
            HttpRequestException { InnerException: StoreAddressRefusedException } => false, // refused again at once: the address is the same
            HttpRequestException e => !ReachedStore(request) || e.HttpRequestError == HttpRequestError.ConnectionError || IsSafeToRepeat(request),
            _ => false,
        };
    }

    /// <summary>Whether the circuit breaker counts <paramref name="outcome"/> as a failure of the store.</summary>
    public static bool IsStoreFailure(Outcome<HttpResponseMessage> outcome, HttpRequestMessage? request)
    {
        if (outcome.Result is { } response)
        {
            return IsServerFailure(response.StatusCode);
        }
        return outcome.Exception is TimeoutRejectedException or HttpRequestException { InnerException: not StoreAddressRefusedException } && ReachedStore(request);
    }

    /// <summary>
    /// Whether sending the request twice does no more than sending it once: reads, updates and
    /// deletes, and <c>inventory_levels/set.json</c> (sets an absolute quantity), and GraphQL requests
    /// the client marked safe (<see cref="GraphQL.ShopifyGraphQLRequestOptions.SafeToRepeat"/>). Other
    /// POSTs create something or add to a quantity.
    /// </summary>
    public static bool IsSafeToRepeat(HttpRequestMessage? request)
    {
        if (request is null)
        {
            return false;
        }
        if (request.Options.TryGetValue(GraphQL.ShopifyGraphQLRequestOptions.SafeToRepeat, out var safe))
        {
            return safe; // a GraphQL query, or a mutation with an idempotency key or an absolute value
        }
        var method = request.Method;
        if (method == HttpMethod.Get || method == HttpMethod.Head || method == HttpMethod.Put
            || method == HttpMethod.Delete || method == HttpMethod.Options)
        {
            return true;
        }
        return method == HttpMethod.Post
            && request.RequestUri?.AbsolutePath.EndsWith("/inventory_levels/set.json", StringComparison.OrdinalIgnoreCase) == true;
    }

    /// <summary>
    /// The delay a 429 asks for, from the raw <c>Retry-After</c> header: seconds, possibly fractional
    /// ("2.0", which <see cref="System.Net.Http.Headers.RetryConditionHeaderValue"/> refuses), or an HTTP date.
    /// </summary>
    public static TimeSpan? RetryAfter(HttpResponseMessage response, TimeProvider? time = null) =>
        response.Headers.NonValidated.TryGetValues("Retry-After", out var values)
            ? ParseRetryAfter(values.FirstOrDefault(), (time ?? TimeProvider.System).GetUtcNow())
            : null;

    /// <inheritdoc cref="RetryAfter"/>
    public static TimeSpan? ParseRetryAfter(string? value, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }
        value = value.Trim();
        if (double.TryParse(value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var seconds))
        {
            return double.IsFinite(seconds) && seconds <= TimeSpan.MaxValue.TotalSeconds / 2 ? TimeSpan.FromSeconds(seconds) : null;
        }
        if (DateTimeOffset.TryParseExact(value, "r", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date))
        {
            var delay = date - now;
            return delay > TimeSpan.Zero ? delay : TimeSpan.Zero;
        }
        return null;
    }

    private static bool IsServerFailure(HttpStatusCode status) =>
        status == HttpStatusCode.RequestTimeout || (int)status >= 500;

    /// <summary>False only when the attempt is known to have waited in the pacer and never been sent.</summary>
    private static bool ReachedStore(HttpRequestMessage? request) =>
        request is null || !request.Options.TryGetValue(ShopifyPacingHandler.SentToStore, out var sent) || sent;
}
