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
            using var body = new MemoryStream();
            await request.Body.CopyToAsync(body, cancellationToken);
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
