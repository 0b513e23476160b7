using Microsoft.AspNetCore.Components.Authorization;
using SyncDashboard.Core.Users;

namespace SyncDashboard.Account;

public static class AuthenticationStateExtensions
{
    /// <summary>The signed-in user of a page as an actor (its role decides what the page offers); null without an authentication state.</summary>
    public static async Task<DashboardActor?> ActorAsync(this Task<AuthenticationState>? state) =>
        state is null ? null : DashboardActor.From((await state).User);
}
