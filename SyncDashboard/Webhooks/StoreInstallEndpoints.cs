using System.Net;
using System.Text;
using SyncDashboard.Core.Connections;

namespace SyncDashboard.Webhooks;

public static class StoreInstallEndpoints
{
    /// <summary>
    /// <c>GET /oauth/shopify/callback</c> (anonymous: the store's owner arrives here from the store after
    /// approving an install link): <see cref="StoreInstaller.CompleteAsync"/> checks the callback and
    /// connects the store. Untrusted (unknown, expired or used state, bad signature, another shop): a 400
    /// page in the dashboard's own words, nothing changed. Otherwise, for the signed-in merchant, a redirect
    /// to the Stores page, which shows how the install ended (<c>/stores?install={id}</c>); for anyone else
    /// (the other store's owner), a page of its own with the outcome and nothing of the dashboard.
    /// </summary>
    public static IEndpointRouteBuilder MapStoreInstallCallback(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(StoreInstaller.CallbackPath, async (HttpRequest request, StoreInstaller installer, CancellationToken cancellationToken) =>
        {
            var query = request.Query
                .SelectMany(p => p.Value.Select(v => new KeyValuePair<string, string>(p.Key, v ?? "")))
                .ToList();
            var result = await installer.CompleteAsync(query, cancellationToken);
            if (result.Status == StoreInstallStatus.Refused)
            {
                return Results.Content(RefusedPage(result.Message), "text/html; charset=utf-8", Encoding.UTF8, StatusCodes.Status400BadRequest);
            }
            // The merchant (signed in here) goes back to the Stores page; the other store's owner, who has no
            // account on this dashboard, gets a page of its own saying how the install ended.
            return request.HttpContext.User.Identity?.IsAuthenticated == true
                ? Results.Redirect($"/stores?install={result.InstallId}")
                : Results.Content(EndedPage(result), "text/html; charset=utf-8", Encoding.UTF8, StatusCodes.Status200OK);
        }).AllowAnonymous();
        return endpoints;
    }

    /// <summary>What the store's owner (not signed in to this dashboard) sees after approving: whether the store is connected, and that the page can be closed.</summary>
    private static string EndedPage(StoreInstallResult result) => $$"""
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{{(result.Status == StoreInstallStatus.Connected ? "Store connected" : "Install not completed")}} · SyncDashboard</title>
        <style>body{font-family:Roboto,system-ui,sans-serif;margin:3rem auto;max-width:40rem;padding:0 1rem;line-height:1.5}</style></head>
        <body>
        <h1>{{(result.Status == StoreInstallStatus.Connected ? "Your store is connected" : "The install was not completed")}}</h1>
        <p id="install-ended">{{WebUtility.HtmlEncode(result.Message)}}</p>
        <p>You can close this page. The merchant who sent you the link sees the result in their dashboard.</p>
        </body></html>
        """;

    /// <summary>A plain page (no circuit needed) with the reason, HTML-encoded, and a way back to the Stores page.</summary>
    private static string RefusedPage(string message) => $$"""
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>Install not accepted · SyncDashboard</title>
        <style>body{font-family:Roboto,system-ui,sans-serif;margin:3rem auto;max-width:40rem;padding:0 1rem;line-height:1.5}</style></head>
        <body>
        <h1>The install was not accepted</h1>
        <p id="install-refused">{{WebUtility.HtmlEncode(message)}}</p>
        <p><a href="/stores">Back to the Stores page</a></p>
        </body></html>
        """;
}
