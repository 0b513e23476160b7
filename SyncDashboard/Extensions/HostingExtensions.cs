using MudBlazor.Services;
using SyncDashboard.Components;
using SyncDashboard.Core;
using SyncDashboard.DemoStores;
using SyncDashboard.Webhooks;

namespace SyncDashboard.Extensions;

public static class HostingExtensions
{
    /// <summary>
    /// Everything the dashboard needs: the demo stores when enabled (first, so they answer before
    /// the engine calls a store), the core (store clients, sync engine) and the UI.
    /// </summary>
    public static WebApplicationBuilder AddApplicationServices(this WebApplicationBuilder builder)
    {
        builder.Services.AddDemoStoresWhenEnabled(builder.Configuration);
        builder.Services.AddSyncDashboardCore();
        builder.Services.AddShopifyWebhookRateLimit();
        builder.Services.AddMudServices();
        builder.Services.AddRazorComponents()
            .AddInteractiveServerComponents();
        return builder;
    }

    public static WebApplication MapApplication(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/Error", createScopeForErrors: true);
        }
        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        app.UseAntiforgery();
        app.MapStaticAssets();
        app.UseRateLimiter();
        app.MapShopifyWebhooks();
        app.MapStoreInstallCallback();
        app.MapRazorComponents<App>()
            .AddInteractiveServerRenderMode();
        return app;
    }
}
