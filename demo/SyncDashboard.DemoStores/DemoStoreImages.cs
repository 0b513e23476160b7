using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using SyncDashboard.Core.Shopify.Models;

namespace SyncDashboard.DemoStores;

/// <summary>
/// Product images for the demo stores, which have no internet: each store serves a simple SVG
/// picture (a colour and the product's initials, the same for the same name) under
/// <c>/cdn/images/</c>, and seeded products point there instead of an unreachable CDN.
/// </summary>
internal static class DemoStoreImages
{
    public const string PathPrefix = "/cdn/images";

    /// <summary>The product's images, moved to <paramref name="baseUrl"/>'s image path (kept in order).</summary>
    public static void Localize(ShopifyProduct product, Uri baseUrl)
    {
        var handle = DemoStoreCatalogue.Parameterize(product.Handle ?? product.Title ?? "product");
        var position = 0;
        foreach (var image in product.Images ?? [])
        {
            position++;
            image.Src = new Uri(baseUrl, $"{PathPrefix.TrimStart('/')}/{handle}-{position}.svg?title={Uri.EscapeDataString(product.Title ?? handle)}").ToString();
        }
    }

    public static async Task ServeAsync(HttpContext ctx)
    {
        var name = Path.GetFileNameWithoutExtension(ctx.Request.Path.Value ?? "image");
        var title = ctx.Request.Query["title"].ToString();
        if (title.Length == 0)
        {
            title = name.Replace('-', ' ');
        }
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(name));
        var hue = hash[0] * 360 / 256;
        var initials = string.Concat(title.Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(2).Select(w => char.ToUpperInvariant(w[0])));
        var svg = $"""
            <svg xmlns="http://www.w3.org/2000/svg" width="400" height="400" viewBox="0 0 400 400">
              <rect width="400" height="400" fill="hsl({hue},45%,82%)"/>
              <circle cx="200" cy="170" r="90" fill="hsl({hue},45%,62%)"/>
              <text x="200" y="195" font-family="Helvetica, Arial, sans-serif" font-size="72" text-anchor="middle" fill="#fff">{WebUtility.HtmlEncode(initials)}</text>
              <text x="200" y="340" font-family="Helvetica, Arial, sans-serif" font-size="24" text-anchor="middle" fill="hsl({hue},40%,30%)">{WebUtility.HtmlEncode(title.Length > 28 ? title[..28] + "…" : title)}</text>
            </svg>
            """;
        ctx.Response.ContentType = "image/svg+xml";
        ctx.Response.Headers.CacheControl = "public, max-age=86400";
        await ctx.Response.WriteAsync(svg);
    }
}
