using SyncDashboard.Core.Catalogue;
using SyncDashboard.Core.Webhooks;

namespace SyncDashboard.Webhooks;

public static class WebhookEndpoints
{
    /// <summary>
    /// <c>POST /webhooks/shopify</c>: verified and de-duplicated by <see cref="WebhookIntake"/>, answered
    /// at once (200, or 401 for a bad signature), processed in the background.
    /// </summary>
    public static IEndpointRouteBuilder MapShopifyWebhooks(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(WebhookSubscriptions.ReceiverPath, async (HttpRequest request, WebhookIntake intake, CancellationToken cancellationToken) =>
        {
            using var body = new MemoryStream();
            await request.Body.CopyToAsync(body, cancellationToken);
            var headers = request.Headers;
            var result = await intake.AcceptAsync(headers["X-Shopify-Shop-Domain"], headers["X-Shopify-Topic"], headers["X-Shopify-Webhook-Id"],
                headers["X-Shopify-Hmac-Sha256"], body.ToArray(), cancellationToken);
            return result == WebhookAcceptance.Rejected
                ? Results.Json(new { errors = "The webhook's signature or shop domain was not recognised." }, statusCode: StatusCodes.Status401Unauthorized)
                : Results.Ok();
        }).DisableAntiforgery();
        return endpoints;
    }
}
