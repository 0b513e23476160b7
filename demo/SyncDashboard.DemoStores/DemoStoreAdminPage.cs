using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace SyncDashboard.DemoStores;

/// <summary>
/// The demo store's stand-in for a product's page in Shopify's admin (<c>/admin/products/{id}</c>),
/// where the dashboard's "Open the Destination product" leads: the product as the store holds it,
/// read-only (its title, status, vendor, and each variant's SKU, price, tracking and stock).
/// </summary>
internal static class DemoStoreAdminPage
{
    public static async Task WriteAsync(HttpContext ctx, string storeName, JsonObject product)
    {
        static string H(string? text) => WebUtility.HtmlEncode(text ?? "");
        var html = new StringBuilder();
        var title = H(product["title"]?.GetValue<string>());
        html.Append(CultureInfo.InvariantCulture, $$"""
            <!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{{title}} · {{H(storeName)}} (demo admin)</title>
            <style>body{font-family:system-ui,sans-serif;margin:2rem}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.3rem .6rem;text-align:left}</style></head><body>
            <p>{{H(storeName)}} · demo store admin</p>
            <h1>{{title}}</h1>
            <p>Status: <b>{{H(product["status"]?.GetValue<string>())}}</b> · Vendor: {{H(product["vendor"]?.GetValue<string>())}} · Product {{product["id"]}}</p>
            <table><thead><tr><th>Variant</th><th>SKU</th><th>Price</th><th>Compare at</th><th>Inventory</th><th>Stock</th></tr></thead><tbody>
            """);
        foreach (var variant in product["variants"]?.AsArray() ?? [])
        {
            var tracked = variant!["inventory_management"] is not null;
            html.Append(CultureInfo.InvariantCulture,
                $"<tr><td>{H(variant["title"]?.GetValue<string>())}</td><td>{H(variant["sku"]?.GetValue<string>())}</td><td>{H(variant["price"]?.ToString())}</td>" +
                $"<td>{H(variant["compare_at_price"]?.ToString())}</td><td>{(tracked ? "tracked" : "not tracked")}</td><td>{variant["inventory_quantity"]}</td></tr>");
        }
        html.Append("</tbody></table></body></html>");
        ctx.Response.ContentType = "text/html; charset=utf-8";
        await ctx.Response.WriteAsync(html.ToString(), ctx.RequestAborted);
    }
}
