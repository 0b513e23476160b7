using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace SyncDashboard.Core.Connections;

/// <summary>
/// Where stores send their webhooks: <c>SyncDashboard:PublicBaseUrl</c> when it is set (a real
/// Shopify store must reach the app from the internet), else the address this app listens on.
/// </summary>
public sealed class WebhookAddress(IServiceProvider services, IOptions<SyncDashboardOptions> options)
{
    /// <summary>The base address, or null before the server listens (and none is configured).</summary>
    public Uri? BaseUrl()
    {
        if (!string.IsNullOrWhiteSpace(options.Value.PublicBaseUrl))
        {
            return new Uri(options.Value.PublicBaseUrl);
        }
        var address = services.GetService<IServer>()?.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
        return address is null ? null : new Uri(address.Replace("://[::]", "://127.0.0.1").Replace("://0.0.0.0", "://127.0.0.1").Replace("://+", "://127.0.0.1"));
    }
}
