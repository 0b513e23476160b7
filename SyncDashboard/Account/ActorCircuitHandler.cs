using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;
using SyncDashboard.Core.Users;

namespace SyncDashboard.Account;

/// <summary>
/// Tells the core who acts in each event of a Blazor circuit (a click, a render): the circuit's
/// signed-in user becomes <see cref="DashboardActors.Current"/> for that event, so services check the
/// user's role and the Activity Log names them (ASP.NET Core's inbound-activity handler, as in
/// "Access server-side Blazor services from a different DI scope").
/// </summary>
internal sealed class ActorCircuitHandler(AuthenticationStateProvider authentication, DashboardActors actors) : CircuitHandler
{
    private static readonly DashboardActor Nobody = new("anonymous", new HashSet<string>());

    public override Func<CircuitInboundActivityContext, Task> CreateInboundActivityHandler(Func<CircuitInboundActivityContext, Task> next) =>
        async context =>
        {
            var state = await authentication.GetAuthenticationStateAsync();
            actors.Current = DashboardActor.From(state.User) ?? Nobody; // never the dashboard's own rights
            await next(context);
        };
}
