using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using SyncDashboard.Core.Users;

namespace SyncDashboard.Account;

/// <summary>
/// A circuit's signed-in user, checked again every minute (setting <c>SyncDashboard:OpenPageRecheckInterval</c>) against the database
/// (<see cref="UserAccounts.IsSessionValidAsync"/>): a user the Owner disabled, or whose role or password
/// changed (the security stamp), is signed out of open pages too (as ASP.NET Core's Blazor Identity
/// template does).
/// </summary>
internal sealed class DashboardAuthenticationStateProvider(ILoggerFactory loggerFactory, IServiceScopeFactory scopeFactory, IConfiguration configuration)
    : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    /// <summary>The setting of how often an open page's user is checked again (a TimeSpan, <c>00:01:00</c> by default).</summary>
    public const string RecheckIntervalSetting = "SyncDashboard:OpenPageRecheckInterval";

    protected override TimeSpan RevalidationInterval { get; } =
        configuration.GetValue(RecheckIntervalSetting, TimeSpan.FromMinutes(1)) is var interval && interval > TimeSpan.Zero ? interval : TimeSpan.FromMinutes(1);

    /// <summary>Ends the page's session now (found ended before the periodic check): the page shows it signed out and goes to sign-in.</summary>
    public void EndSession() =>
        SetAuthenticationState(Task.FromResult(new AuthenticationState(new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity()))));

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<UserAccounts>().IsSessionValidAsync(authenticationState.User);
    }
}
