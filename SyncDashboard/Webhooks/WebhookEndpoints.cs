using Microsoft.Extensions.Options;
using SyncDashboard.Core.Catalogue;
using SyncDashboard.Core.Webhooks;

namespace SyncDashboard.Webhooks;

public static class WebhookEndpoints
{
    /// <summary>
    /// The webhook receiver's rate limit (<see cref="WebhookRateLimitPolicy"/>, section <c>Webhooks:RateLimit</c>
    /// validated when the host starts); the app must call <c>UseRateLimiter()</c> before mapping the receiver.
    /// </summary>
    public static IServiceCollection AddShopifyWebhookRateLimit(this IServiceCollection services)
    {
        services.AddOptions<WebhookRateLimitOptions>()
            .BindConfiguration(WebhookRateLimitOptions.SectionName)
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<WebhookRateLimitOptions>, WebhookRateLimitOptionsValidator>();
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.AddPolicy<string, WebhookRateLimitPolicy>(WebhookRateLimitPolicy.Name);
        });
        return services;
    }

    /// <summary>The largest delivery read (8 MB: a product with 2,048 variants is well under it); larger ones get 413 unread.</summary>
    public const long MaxBodyBytes = 8 * 1024 * 1024;

    /// <summary>The answer to a body over <see cref="MaxBodyBytes"/> (with a body of its own, so no error page is put in its place).</summary>
    private static IResult TooLarge() =>
        Results.Json(new { errors = "The delivery is larger than any webhook a store sends." }, statusCode: StatusCodes.Status413PayloadTooLarge);

    /// <summary>
    /// <c>POST /webhooks/shopify</c>, anonymous (stores sign, they do not sign in): verified and de-duplicated by
    /// <see cref="WebhookIntake"/> (by <c>X-Shopify-Event-Id</c>, falling back to <c>X-Shopify-Webhook-Id</c>;
    /// shopify.dev "Ignore duplicate webhooks"), answered at once (200, or 401 for a bad signature, told in the
    /// Activity Log at most once per sender and minute), processed in the background. Rate-limited per sender
    /// (<see cref="WebhookRateLimitPolicy"/>: 429 with <c>Retry-After</c> past the limit).
    /// </summary>
    public static IEndpointRouteBuilder MapShopifyWebhooks(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(WebhookSubscriptions.ReceiverPath, async (HttpRequest request, WebhookIntake intake, CancellationToken cancellationToken) =>
        {
            // Anyone can reach this address: a body larger than any store's delivery is refused before it is read into memory.
            if (request.ContentLength > MaxBodyBytes)
            {
                return TooLarge();
            }
            if (request.HttpContext.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
            {
                limit.MaxRequestBodySize = MaxBodyBytes;
            }
            using var body = new MemoryStream();
            try
            {
                await request.Body.CopyToAsync(body, cancellationToken);
            }
            catch (Microsoft.AspNetCore.Http.BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
            {
                return TooLarge();
            }
            var headers = request.Headers;
            // One event may be delivered more than once (retries, or under another webhook id): the event id
            // says which event it is; deliveries without one are told apart by their webhook id.
            var eventId = headers["X-Shopify-Event-Id"].ToString();
            var deliveryKey = string.IsNullOrEmpty(eventId) ? headers["X-Shopify-Webhook-Id"].ToString() : eventId;
            var result = await intake.AcceptAsync(headers["X-Shopify-Shop-Domain"], headers["X-Shopify-Topic"], deliveryKey,
                headers["X-Shopify-Hmac-Sha256"], body.ToArray(), request.HttpContext.Connection.RemoteIpAddress, cancellationToken);
            return result == WebhookAcceptance.Rejected
                ? Results.Json(new { errors = "The webhook's signature or shop domain was not recognised." }, statusCode: StatusCodes.Status401Unauthorized)
                : Results.Ok();
        }).DisableAntiforgery().AllowAnonymous().RequireRateLimiting(WebhookRateLimitPolicy.Name); // Shopify signs it (HMAC); no session
        return endpoints;
    }
}
