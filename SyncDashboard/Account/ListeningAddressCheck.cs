using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace SyncDashboard.Account;

/// <summary>
/// Warns at start-up when the dashboard listens on an address other machines can reach without HTTPS:
/// passwords and session cookies would cross the network in clear text. The fix is named: the
/// <c>Urls</c> setting (an <c>https://</c> address with a Kestrel certificate), or a TLS proxy in front.
/// </summary>
public sealed partial class ListeningAddressCheck(IServer server, IHostApplicationLifetime lifetime, ILogger<ListeningAddressCheck> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(() =>
        {
            foreach (var address in server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [])
            {
                if (IsPlainHttpBeyondLoopback(address))
                {
                    LogPlainHttp(address);
                }
            }
        });
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Whether <paramref name="address"/> (as Kestrel lists it, e.g. <c>http://0.0.0.0:5080</c>) is plain HTTP on a non-loopback interface.</summary>
    public static bool IsPlainHttpBeyondLoopback(string address)
    {
        if (!Uri.TryCreate(address.Replace("*", "0.0.0.0", StringComparison.Ordinal).Replace("+", "0.0.0.0", StringComparison.Ordinal), UriKind.Absolute, out var uri)
            || uri.Scheme != Uri.UriSchemeHttp)
        {
            return false;
        }
        return uri.Host != "localhost" && !(IPAddress.TryParse(uri.Host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The dashboard listens on {Address} without HTTPS: passwords and sign-in cookies cross the network in clear text. " +
        "Set Urls to an https:// address (with a Kestrel certificate) or serve it behind a TLS proxy (its address in SyncDashboard:TrustedProxies), or listen on 127.0.0.1 only. " +
        "Add the host name you open it by to AllowedHosts (other names are refused).")]
    private partial void LogPlainHttp(string address);
}
