namespace SyncDashboard.Account;

/// <summary>
/// Refuses (403) a Blazor circuit (<c>/_blazor</c>) opened from a page of another origin: with the
/// host names limited by <c>AllowedHosts</c>, a page elsewhere cannot drive the dashboard through
/// its circuit. Forms are guarded by antiforgery tokens already.
/// </summary>
public static class CircuitOriginCheck
{
    public static IApplicationBuilder UseCircuitOriginCheck(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var request = context.Request;
        if (request.Path.StartsWithSegments("/_blazor") && request.Headers.Origin is [{ } origin] && !IsSameOrigin(origin, request))
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            await context.Response.WriteAsync("A dashboard page of another origin cannot open a session here.");
            return;
        }
        await next();
    });

    /// <summary>Whether the <c>Origin</c> header names this request's own scheme, host and port.</summary>
    public static bool IsSameOrigin(string origin, HttpRequest request) =>
        Uri.TryCreate(origin, UriKind.Absolute, out var from)
        && string.Equals(from.Scheme, request.Scheme, StringComparison.OrdinalIgnoreCase)
        && string.Equals(from.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase);
}
