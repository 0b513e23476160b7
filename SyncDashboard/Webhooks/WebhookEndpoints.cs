using SyncDashboard.Core.Catalogue;
using SyncDashboard.Core.Webhooks;

namespace SyncDashboard.Webhooks;

public static class WebhookEndpoints
{
    /// <summary>
    /// <c>POST /webhooks/shopify</c>: verified and de-duplicated by <see cref="WebhookIntake"/> (by
    /// <c>X-Shopify-Event-Id</c>, falling back to <c>X-Shopify-Webhook-Id</c>; shopify.dev "Ignore
    /// duplicate webhooks"), answered at once (200, or 401 for a bad signature), processed in the background.
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
                headers["X-Shopify-Hmac-Sha256"], body.ToArray(), cancellationToken);
            return result == WebhookAcceptance.Rejected
                ? Results.Json(new { errors = "The webhook's signature or shop domain was not recognised." }, statusCode: StatusCodes.Status401Unauthorized)
                : Results.Ok();
        }).DisableAntiforgery().AllowAnonymous(); // Shopify signs it (HMAC); no session
        return endpoints;
    }
}
