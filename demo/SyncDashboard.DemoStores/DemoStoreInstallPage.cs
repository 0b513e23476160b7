using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace SyncDashboard.DemoStores;

/// <summary>
/// The demo store's stand-in for Shopify's app install (grant) screen at <c>/admin/oauth/authorize</c>:
/// the store, the app's client id, the access mode and the scopes asked for, and an "Install app"
/// button whose form posts the request back; or an error page when the request cannot be honoured.
/// Plain HTML, every value HTML-encoded.
/// </summary>
internal static class DemoStoreInstallPage
{
    public static async Task WriteAsync(HttpContext ctx, DemoStoreOptions store, DemoStoreAuthorizationRequest request)
    {
        static string H(string? text) => WebUtility.HtmlEncode(text ?? "");
        var html = new StringBuilder();
        html.Append(CultureInfo.InvariantCulture, $$"""
            <!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Install app · {{H(store.Name)}} (demo store)</title>
            <style>body{font-family:system-ui,sans-serif;margin:2rem;max-width:40rem}code{background:#f3f3f3;padding:0 .2rem}button{font-size:1rem;padding:.5rem 1.2rem}</style></head><body>
            <p>{{H(store.Name)}} · {{H(store.Domain)}} · demo store admin</p>
            <h1>Install app</h1>
            <p>The app <code id="client-id">{{H(request.ClientId)}}</code> asks for {{(request.PerUser ? "online (per-user)" : "offline")}} access to <b>{{H(store.Name)}}</b> with these access scopes:</p>
            <ul id="scopes">
            """);
        foreach (var scope in request.Scopes)
        {
            html.Append(CultureInfo.InvariantCulture, $"<li><code>{H(scope)}</code></li>\n");
        }
        html.Append("</ul>\n<form method=\"post\" action=\"/admin/oauth/authorize\">\n");
        foreach (var (name, value) in request.Fields())
        {
            html.Append(CultureInfo.InvariantCulture, $"<input type=\"hidden\" name=\"{H(name)}\" value=\"{H(value)}\">\n");
        }
        html.Append(CultureInfo.InvariantCulture, $"""
            <button type="submit">Install app</button>
            </form>
            <p>Installing sends you back to <code>{H(request.RedirectUri.GetLeftPart(UriPartial.Path))}</code>.</p>
            </body></html>
            """);
        ctx.Response.ContentType = "text/html; charset=utf-8";
        ctx.Response.Headers.CacheControl = "no-store";
        await ctx.Response.WriteAsync(html.ToString(), ctx.RequestAborted);
    }

    /// <summary>An error page in Shopify's words: <c>Oauth error {error}: {description}</c>.</summary>
    public static async Task WriteErrorAsync(HttpContext ctx, DemoStoreOptions store, DemoStoreOAuthException error)
    {
        static string H(string? text) => WebUtility.HtmlEncode(text ?? "");
        ctx.Response.StatusCode = error.Status;
        ctx.Response.ContentType = "text/html; charset=utf-8";
        await ctx.Response.WriteAsync($$"""
            <!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Oauth error · {{H(store.Name)}} (demo store)</title>
            <style>body{font-family:system-ui,sans-serif;margin:2rem;max-width:40rem}</style></head><body>
            <p>{{H(store.Name)}} · {{H(store.Domain)}} · demo store admin</p>
            <h1>Oauth error {{H(error.Error)}}</h1>
            <p id="error">Oauth error {{H(error.Error)}}: {{H(error.Description)}}</p>
            </body></html>
            """, ctx.RequestAborted);
    }
}
