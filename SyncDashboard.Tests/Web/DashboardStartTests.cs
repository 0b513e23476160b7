using System.Net;
using SyncDashboard.Tests.Infrastructure;

namespace SyncDashboard.Tests.Web;

/// <summary>The web app starts as <c>dotnet run</c> starts it: on loopback, with its layout and demo stores.</summary>
public sealed class DashboardStartTests
{
    [Fact]
    public async Task DashboardServesItsPagesWithTheMudBlazorLayout()
    {
        await using var dashboard = await DashboardApp.StartAsync();
        using var http = await dashboard.SignedInClientAsync();

        using var products = await http.GetAsync("/");
        using var page = await http.GetAsync("/stores");
        var html = await page.Content.ReadAsStringAsync();
        using var css = await http.GetAsync("_content/MudBlazor/MudBlazor.min.css");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal(HttpStatusCode.OK, products.StatusCode);
        Assert.Contains("Products", await products.Content.ReadAsStringAsync());
        Assert.Equal(IPAddress.Loopback.ToString(), dashboard.BaseUrl.Host);
        Assert.Contains("mud-appbar", html);
        Assert.Contains("SyncDashboard", html);
        Assert.Contains("Northwind Outlet", html);
        Assert.Contains("Urban Threads", html);
        Assert.Contains("Hearth &amp; Home", html);
        Assert.Equal(HttpStatusCode.OK, css.StatusCode);
    }

    [Fact]
    public void AppSettingsBindTheDashboardToLoopback()
    {
        var settings = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(SharedFixtures.RepositoryRoot, "SyncDashboard", "appsettings.json")))!;
        Assert.StartsWith("http://127.0.0.1:", settings["Urls"]!.GetValue<string>());
    }
}
