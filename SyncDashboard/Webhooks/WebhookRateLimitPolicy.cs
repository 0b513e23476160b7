using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using SyncDashboard.Core.Webhooks;

namespace SyncDashboard.Webhooks;

/// <summary>
/// The webhook receiver's rate limit, through ASP.NET Core's rate limiter (policy <see cref="Name"/>): a token
/// bucket per sender, partitioned by the connection's remote address as <see cref="ClientAddress"/> gives it
/// (an IPv6 sender by its /64), holding <see cref="WebhookRateLimitOptions.BurstLimit"/> deliveries and refilled
/// with <see cref="WebhookRateLimitOptions.PermitsPerMinute"/> a minute (every second when that is 60 or more).
/// A delivery past it is answered 429 with <c>Retry-After</c> before its body is read, and counted in the
/// Activity Log by <see cref="WebhookRejections"/> with the refused ones.
/// <para>
/// Why every delivery counts, under generous limits, rather than only the refused ones: the limiter decides
/// before the body is read, and only the body tells a forged delivery from a store's (its HMAC), so counting
/// only refusals would take a limiter of our own beside ASP.NET Core's. Shopify sends bursts of a few hundred
/// deliveries a minute from the same addresses; the defaults (1,000 at once, 1,000 a minute after) leave it
/// room several times over, and a valid delivery refused now and then is not lost: Shopify sends it again,
/// 8 times over 4 hours (shopify.dev changelog "Updates to webhook retry mechanism", 2024-09), and the
/// catalogue sweep finds any change whose webhook never came. What keeps forged deliveries from flooding the
/// merchant is <see cref="WebhookRejections"/> (one entry per sender and minute); the limit bounds the work
/// they cost (a store lookup and an HMAC each).
/// </para>
/// </summary>
public sealed class WebhookRateLimitPolicy(IOptions<WebhookRateLimitOptions> options, WebhookRejections rejections) : IRateLimiterPolicy<string>
{
    public const string Name = "webhooks";

    public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected => async (context, cancellationToken) =>
    {
        var response = context.HttpContext.Response;
        response.StatusCode = StatusCodes.Status429TooManyRequests;
        if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
        {
            response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        }
        await rejections.ThrottledAsync(context.HttpContext.Connection.RemoteIpAddress);
        await response.WriteAsJsonAsync(new { errors = "Too many webhook deliveries from this address: send it again later." }, cancellationToken);
    };

    public RateLimitPartition<string> GetPartition(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var limits = options.Value;
        return RateLimitPartition.GetTokenBucketLimiter(ClientAddress.Of(httpContext.Connection.RemoteIpAddress), _ =>
        {
            var (period, tokens) = limits.PermitsPerMinute >= 60
                ? (TimeSpan.FromSeconds(1), (limits.PermitsPerMinute + 59) / 60)
                : (TimeSpan.FromMinutes(1) / limits.PermitsPerMinute, 1);
            return new TokenBucketRateLimiterOptions
            {
                TokenLimit = limits.BurstLimit,
                TokensPerPeriod = tokens,
                ReplenishmentPeriod = period,
                QueueLimit = 0,
                AutoReplenishment = true,
            };
        });
    }
}
