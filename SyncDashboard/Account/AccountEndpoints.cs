using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Identity;
using SyncDashboard.Core.Users;

namespace SyncDashboard.Account;

public static class AccountEndpoints
{
    /// <summary>
    /// <c>POST /account/sign-out</c> (antiforgery-checked form): ends the session and shows the sign-in
    /// page. The user's security stamp is renewed, so a copy of the cookie (another tab, a stolen one) is
    /// refused at its next request: signing out signs out every browser of that user.
    /// </summary>
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/account/sign-out", async (HttpContext context, IAntiforgery antiforgery, SignInManager<DashboardUser> signIn, UserManager<DashboardUser> users) =>
        {
            if (!await antiforgery.IsRequestValidAsync(context))
            {
                return Results.BadRequest(new { error = "The sign-out form is out of date: reload the page and sign out again." });
            }
            if (await users.GetUserAsync(context.User) is { } user)
            {
                await users.UpdateSecurityStampAsync(user);
            }
            await signIn.SignOutAsync();
            return Results.LocalRedirect($"{AccountServiceCollectionExtensions.SignInPath}?signedOut=1");
        }).DisableAntiforgery(); // checked above: no form is bound, so the framework would not
        return endpoints;
    }
}
