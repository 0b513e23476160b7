using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using SyncDashboard.Core.Users;

namespace SyncDashboard.Account;

/// <summary>
/// A circuit's signed-in user, checked again every minute against the database
/// (<see cref="UserAccounts.IsSessionValidAsync"/>): a user the Owner disabled, or whose role or password
/// changed (the security stamp), is signed out of open pages too (as ASP.NET Core's Blazor Identity
/// template does).
/// </summary>
internal sealed class DashboardAuthenticationStateProvider(ILoggerFactory loggerFactory, IServiceScopeFactory scopeFactory)
    : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    protected override TimeSpan RevalidationInterval => TimeSpan.FromMinutes(1);

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<UserAccounts>().IsSessionValidAsync(authenticationState.User);
    }
}
