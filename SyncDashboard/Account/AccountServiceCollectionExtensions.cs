using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using SyncDashboard.Core.Users;

namespace SyncDashboard.Account;

public static class AccountServiceCollectionExtensions
{
    /// <summary>The sign-in page; its form posts to it.</summary>
    public const string SignInPath = "/account/sign-in";

    /// <summary>Whether <paramref name="path"/> is the sign-in page's, as its route matches it (any case, a trailing slash or not).</summary>
    public static bool IsSignInPath(PathString path) =>
        string.Equals(path.Value?.TrimEnd('/'), SignInPath, StringComparison.OrdinalIgnoreCase);

    /// <summary>Sign-in attempts one client address may make per minute (the lockout after 5 failures guards each user on top).</summary>
    public const int SignInAttemptsPerMinute = 10;

    /// <summary>
    /// Sign-in for the team (ASP.NET Core Identity's cookie): every page, endpoint and Blazor circuit
    /// requires a signed-in user (the fallback policy) except what is marked anonymous (the sign-in and
    /// account-link pages, static assets, the webhook receiver and the OAuth callback, which check their
    /// own signatures). The cookie is HttpOnly, SameSite=Lax (the OAuth callback comes back from the
    /// store as a top-level navigation), Secure whenever the request was HTTPS, sliding 8 hours; a
    /// session is checked against the user's security stamp at every request, so a sign-out, a disabled user
/// or a changed role ends every copy of its cookie at once (open pages within a minute). The sign-in POST is
    /// rate-limited per client address (<see cref="SignInAttemptsPerMinute"/>); at start-up with no user,
    /// a one-time set-up link is printed (<see cref="OwnerSetup"/>). Requests for host names other than
    /// <c>AllowedHosts</c> (loopback by default) and <c>SyncDashboard:PublicBaseUrl</c>'s are refused (400):
    /// a page on another name that resolves here (DNS rebinding) cannot drive the dashboard.
    /// </summary>
    public static WebApplicationBuilder AddDashboardSignIn(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddCascadingAuthenticationState();
        services.AddScoped<AuthenticationStateProvider, DashboardAuthenticationStateProvider>();
        services.AddScoped<Microsoft.AspNetCore.Components.Server.Circuits.CircuitHandler, ActorCircuitHandler>();
        services.AddAuthentication(options =>
            {
                options.DefaultScheme = IdentityConstants.ApplicationScheme;
                options.DefaultSignInScheme = IdentityConstants.ApplicationScheme;
            })
            .AddIdentityCookies();
        services.AddIdentityCore<DashboardUser>().AddSignInManager();
        services.ConfigureApplicationCookie(cookie =>
        {
            cookie.Cookie.Name = "SyncDashboard.Auth";
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Lax;
            cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            cookie.LoginPath = SignInPath;
            cookie.LogoutPath = "/account/sign-out";
            cookie.AccessDeniedPath = "/account/denied";
            cookie.ExpireTimeSpan = TimeSpan.FromHours(8);
            cookie.SlidingExpiration = true;
        });
        // Every request checks the session against the user's security stamp (one read of a small table):
        // a sign-out, a disabled user or a changed role ends copied and open cookies at their next request.
        services.Configure<SecurityStampValidatorOptions>(options => options.ValidationInterval = TimeSpan.Zero);
        services.AddAntiforgery(antiforgery =>
        {
            antiforgery.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            antiforgery.Cookie.SameSite = SameSiteMode.Strict;
        });
        services.AddHsts(hsts => hsts.MaxAge = TimeSpan.FromDays(365)); // sent over HTTPS only, never to loopback names
        services.AddScoped<SignInCheck>();
        services.AddSingleton<UnknownUserNames>();
        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            // The sign-in form posts to its own page (a Razor component endpoint): the limiter picks that request out.
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                HttpMethods.IsPost(context.Request.Method) && IsSignInPath(context.Request.Path)
                    ? RateLimitPartition.GetFixedWindowLimiter(context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                        _ => new FixedWindowRateLimiterOptions { PermitLimit = SignInAttemptsPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 })
                    : RateLimitPartition.GetNoLimiter("other"));
            options.OnRejected = async (context, cancellationToken) =>
            {
                if (!IsSignInPath(context.HttpContext.Request.Path))
                {
                    return; // another limiter's refusal (the webhook receiver's): its status says it
                }
                context.HttpContext.Response.ContentType = "text/plain; charset=utf-8";
                await context.HttpContext.Response.WriteAsync(
                    "Too many sign-in attempts from your address: wait a minute, then try again.", cancellationToken);
            };
        });
        // Host names: AllowedHosts (loopback by default), plus the public address stores send webhooks to.
        services.PostConfigure<Microsoft.AspNetCore.HostFiltering.HostFilteringOptions>(hosts =>
        {
            if (Uri.TryCreate(builder.Configuration["SyncDashboard:PublicBaseUrl"], UriKind.Absolute, out var publicUrl)
                && hosts.AllowedHosts is { } allowed && !allowed.Contains("*") && !allowed.Contains(publicUrl.Host, StringComparer.OrdinalIgnoreCase))
            {
                allowed.Add(publicUrl.Host);
            }
        });
        // Behind a TLS proxy (what the plain-HTTP warning suggests): its X-Forwarded-For/-Proto are believed from the addresses
        // in SyncDashboard:TrustedProxies only. Not from loopback by default (ASP.NET Core's default): the dashboard listens on
        // loopback, so every local client would be believed, and a sign-in rate limit per address would be a header away.
        services.Configure<Microsoft.AspNetCore.Builder.ForwardedHeadersOptions>(forwarded =>
        {
            forwarded.KnownIPNetworks.Clear();
#pragma warning disable ASPDEPR005 // the older list of the same networks, still consulted
            forwarded.KnownNetworks.Clear();
#pragma warning restore ASPDEPR005
            forwarded.KnownProxies.Clear();
            foreach (var proxy in builder.Configuration.GetSection("SyncDashboard:TrustedProxies").Get<string[]>() ?? [])
            {
                if (System.Net.IPAddress.TryParse(proxy, out var address))
                {
                    forwarded.KnownProxies.Add(address);
                }
            }
            // With no known proxy at all the middleware would believe every client: then it reads no header.
            forwarded.ForwardedHeaders = forwarded.KnownProxies.Count == 0
                ? Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.None
                : Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedFor | Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedProto;
        });
        // A request with no Host header (HTTP/1.0, or an empty one) is refused as a foreign host is.
        services.Configure<Microsoft.AspNetCore.HostFiltering.HostFilteringOptions>(hosts => hosts.AllowEmptyHosts = false);
        services.AddHostedService<OwnerSetup>();
        services.AddHostedService<ListeningAddressCheck>();
        return builder;
    }
}
