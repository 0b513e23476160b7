using Microsoft.AspNetCore.Identity;
using SyncDashboard.Core.Users;

namespace SyncDashboard.Account;

public static class AccountEndpoints
{
    /// <summary><c>POST /account/sign-out</c> (antiforgery-checked form): ends the session and shows the sign-in page.</summary>
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/account/sign-out", async (SignInManager<DashboardUser> signIn) =>
        {
            await signIn.SignOutAsync();
            return Results.LocalRedirect($"{AccountServiceCollectionExtensions.SignInPath}?signedOut=1");
        });
        return endpoints;
    }
}
