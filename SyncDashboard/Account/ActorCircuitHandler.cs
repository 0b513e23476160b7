using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.AspNetCore.Identity;
using SyncDashboard.Core.Users;

namespace SyncDashboard.Account;

/// <summary>
/// Tells the core who acts in each event of a Blazor circuit (a click, a render): the circuit's
/// signed-in user becomes <see cref="DashboardActors.Current"/> for that event, so services check the
/// user's role and the Activity Log names them (ASP.NET Core's inbound-activity handler, as in
/// "Access server-side Blazor services from a different DI scope"). The role is the user's role in the
/// database now (read again at most every <see cref="RolesTtl"/>), not the one of the sign-in cookie:
/// a user the Owner demoted or disabled loses the rights at once, even on a page left open. A page whose
/// session has ended (<see cref="UserAccounts.IsSessionValidAsync"/>: signed out elsewhere, disabled, role or
/// password changed) is refused everything it asks (<see cref="DashboardActor.SessionEnded"/>) and sent to
/// sign-in at its first click, not at the next periodic check.
/// </summary>
internal sealed class ActorCircuitHandler(AuthenticationStateProvider authentication, DashboardActors actors, IServiceScopeFactory scopes) : CircuitHandler
{
    /// <summary>How long a circuit trusts the roles it read.</summary>
    public static readonly TimeSpan RolesTtl = TimeSpan.FromSeconds(1);

    private static readonly IReadOnlySet<string> NoRoles = new HashSet<string>();

    private (string Name, DashboardActor Actor, long ReadAt)? _cached;

    public override Func<CircuitInboundActivityContext, Task> CreateInboundActivityHandler(Func<CircuitInboundActivityContext, Task> next) =>
        async context =>
        {
            actors.Current = await CurrentAsync();
            await next(context);
        };

    private async Task<DashboardActor> CurrentAsync()
    {
        var state = await authentication.GetAuthenticationStateAsync();
        if (DashboardActor.From(state.User) is not { } signedIn)
        {
            return new DashboardActor("anonymous", NoRoles); // never the dashboard's own rights
        }
        if (_cached is { } cached && cached.Name == signedIn.UserName && System.Diagnostics.Stopwatch.GetElapsedTime(cached.ReadAt) < RolesTtl)
        {
            return cached.Actor;
        }
        await using var scope = scopes.CreateAsyncScope();
        DashboardActor actor;
        if (!await scope.ServiceProvider.GetRequiredService<UserAccounts>().IsSessionValidAsync(state.User))
        {
            actor = DashboardActor.Ended(signedIn.UserName); // no rights, whatever the cookie says
            (authentication as DashboardAuthenticationStateProvider)?.EndSession(); // the page goes to sign-in now
        }
        else
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<DashboardUser>>();
            var user = await users.FindByNameAsync(signedIn.UserName);
            actor = new DashboardActor(signedIn.UserName, user is null ? NoRoles : (await users.GetRolesAsync(user)).ToHashSet());
        }
        _cached = (signedIn.UserName, actor, System.Diagnostics.Stopwatch.GetTimestamp());
        return actor;
    }
}
