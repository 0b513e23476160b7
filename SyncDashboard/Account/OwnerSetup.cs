using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using SyncDashboard.Core.Users;

namespace SyncDashboard.Account;

/// <summary>
/// There is no default password: when the dashboard starts with no user, it prints a one-time set-up
/// link (valid <see cref="AccountLinks.Lifetime"/>, usable once) that creates the Owner. Each start
/// without a user prints a new one.
/// </summary>
public sealed partial class OwnerSetup(
    IServiceScopeFactory scopeFactory,
    AccountLinks links,
    IServer server,
    IHostApplicationLifetime lifetime,
    ILogger<OwnerSetup> logger) : IHostedService
{
    private readonly TaskCompletionSource<Uri?> _link = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The set-up link this start printed, or null when a user existed already (completes once the app has started).</summary>
    public Task<Uri?> Link => _link.Task;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(() => _ = Task.Run(PrintLinkAsync, CancellationToken.None));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _link.TrySetResult(null);
        return Task.CompletedTask;
    }

    private async Task PrintLinkAsync()
    {
        try
        {
            await using var scope = scopeFactory.CreateAsyncScope();
            if (await scope.ServiceProvider.GetRequiredService<UserAccounts>().AnyUserAsync())
            {
                _link.TrySetResult(null);
                return;
            }
            var token = await links.CreateAsync(AccountLinkPurpose.Setup, DashboardRoles.Owner, null, "System");
            var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? "http://127.0.0.1:5080";
            var link = new Uri(new Uri(address.Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal).Replace("[::]", "127.0.0.1", StringComparison.Ordinal).TrimEnd('/') + "/"),
                $"{AccountLinks.Path}?token={token}");
            LogSetupLink(link);
            _link.TrySetResult(link);
        }
        catch (Exception e)
        {
            logger.LogError(e, "The set-up link could not be made");
            _link.TrySetException(e);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "No user yet. To create the Owner, open this one-time link within an hour: {Link}")]
    private partial void LogSetupLink(Uri link);
}
