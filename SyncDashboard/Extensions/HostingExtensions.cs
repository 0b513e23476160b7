using MudBlazor.Services;
using SyncDashboard.Account;
using SyncDashboard.Components;
using SyncDashboard.Core;
using SyncDashboard.DemoStores;
using SyncDashboard.Export;
using SyncDashboard.Webhooks;

namespace SyncDashboard.Extensions;

public static class HostingExtensions
{
    /// <summary>
    /// Everything the dashboard needs: the demo stores when enabled (first, so they answer before
    /// the engine calls a store), the core (store clients, sync engine, users), sign-in and the UI.
    /// </summary>
    public static WebApplicationBuilder AddApplicationServices(this WebApplicationBuilder builder)
    {
        builder.Services.AddDemoStoresWhenEnabled(builder.Configuration);
        builder.Services.AddSyncDashboardCore();
        builder.AddDashboardSignIn();
        builder.Services.AddShopifyWebhookRateLimit();
        builder.Services.AddMudServices();
        builder.Services.AddScoped<SyncDashboard.Components.Pages.Products.ProductSelectionMemory>(); // one per circuit: ticks kept across pages
        builder.Services.AddRazorComponents()
            .AddInteractiveServerComponents();
        return builder;
    }

    public static WebApplication MapApplication(this WebApplication app)
    {
        app.UseForwardedHeaders(); // first: the scheme and client address behind a trusted TLS proxy
        // Our error page in every environment: `dotnet run` is Development, and a merchant's server must not
        // show a stack trace to whoever sends a malformed request (the log has it).
        app.UseExceptionHandler("/Error", createScopeForErrors: true);
        app.UseHsts();
        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.UseCircuitOriginCheck();
        app.UseAntiforgery();
        app.MapStaticAssets().AllowAnonymous();
        app.MapShopifyWebhooks();
        app.MapStoreInstallCallback();
        app.MapAccountEndpoints();
        app.MapCsvExports();
        app.MapRazorComponents<App>()
            .AddInteractiveServerRenderMode();
        return app;
    }
}
