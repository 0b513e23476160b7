using Microsoft.EntityFrameworkCore;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using SyncDashboard.Account;
using SyncDashboard.Components.Pages.Account;
using SyncDashboard.Core.Catalogue;
using SyncDashboard.Tests.Infrastructure;

namespace SyncDashboard.Tests.Web;

/// <summary>
/// What only a signed-in user gets, and what stays open: pages and circuits need a session, and a page
/// the role does not allow says so; the webhook receiver needs Shopify's signature instead; other host
/// names and origins are refused; the sign-in form is rate-limited per address; one's own password
/// changes on the profile page.
/// </summary>
public sealed class SignInTests : IAsyncLifetime
{
    private DashboardApp _dashboard = null!;

    public async Task InitializeAsync() => _dashboard = await DashboardApp.StartAsync();

    public async Task DisposeAsync() => await _dashboard.DisposeAsync();

    /// <summary>Waits for the set-up link the start prints in the background: made later, it would end the links a test makes.</summary>
    private Task StartsOwnSetUpLinkAsync() =>
        _dashboard.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<OwnerSetup>().Single().Link;

    private HttpClient Anonymous() => new(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = _dashboard.BaseUrl };

    [Theory]
    [InlineData("/")]
    [InlineData("/stores")]
    [InlineData("/activity")]
    [InlineData("/bulk-mapper")]
    [InlineData("/jobs")]
    public async Task EveryPageSendsAnAnonymousVisitorToSignIn(string path)
    {
        using var http = Anonymous();
        using var response = await http.GetAsync(path);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"{_dashboard.BaseUrl}account/sign-in?ReturnUrl={Uri.EscapeDataString(path)}", response.Headers.Location!.ToString());
    }

    [Fact]
    public async Task SigningOutEndsEveryCopyOfTheSessionAndNeedsTheFormsToken()
    {
        await _dashboard.EnsureUserAsync("sam", SyncDashboard.Core.Users.DashboardRoles.Operator);
        var cookies = new CookieContainer();
        using var http = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = _dashboard.BaseUrl };
        using var signedIn = await DashboardApp.PostSignInAsync(http, "sam", DashboardApp.TestPassword);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        using var copy = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = _dashboard.BaseUrl };
        copy.DefaultRequestHeaders.Add("Cookie", cookies.GetCookieHeader(_dashboard.BaseUrl)); // another tab, or a stolen cookie
        using (var before = await copy.GetAsync("activity"))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        using var forged = await http.PostAsync("account/sign-out", new FormUrlEncodedContent(new Dictionary<string, string>()));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode); // a page elsewhere cannot sign anyone out
        var page = await http.GetStringAsync("account/profile"); // a server-rendered form of the session: its token
        var token = System.Text.RegularExpressions.Regex.Match(page, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"|type=\"hidden\" name=\"__RequestVerificationToken\" value=\"([^\"]+)\"");
        Assert.True(token.Success, "the profile's form carries the session's token");
        using var signedOut = await http.PostAsync("account/sign-out", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Success ? token.Groups[1].Value : token.Groups[2].Value),
        }));

        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        Assert.Equal("/account/sign-in?signedOut=1", signedOut.Headers.Location!.ToString());
        using var after = await copy.GetAsync("activity");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.StartsWith($"{_dashboard.BaseUrl}account/sign-in", after.Headers.Location!.ToString());
    }

    [Fact]
    public async Task AnErrorPageShowsNoStackTraceEvenInDevelopment()
    {
        using var http = await _dashboard.SignedInClientAsync();
        // A form post to a page naming no form: the framework throws while handling it.
        using var response = await http.PostAsync("activity", new FormUrlEncodedContent(new Dictionary<string, string> { ["x"] = "1" }));
        var body = await response.Content.ReadAsStringAsync();

        Assert.True((int)response.StatusCode >= 400, $"answered {(int)response.StatusCode}");
        Assert.DoesNotContain("   at ", body, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ABlazorCircuitNeedsASessionAndTheDashboardsOwnOrigin()
    {
        using var anonymous = Anonymous();
        using var noSession = await anonymous.PostAsync("_blazor/negotiate?negotiateVersion=1", null);
        Assert.NotEqual(HttpStatusCode.OK, noSession.StatusCode);

        using var http = await _dashboard.SignedInClientAsync();
        using var ownOrigin = new HttpRequestMessage(HttpMethod.Post, "_blazor/negotiate?negotiateVersion=1");
        ownOrigin.Headers.Add("Origin", _dashboard.BaseUrl.GetLeftPart(UriPartial.Authority));
        using var own = await http.SendAsync(ownOrigin);
        using var foreignOrigin = new HttpRequestMessage(HttpMethod.Post, "_blazor/negotiate?negotiateVersion=1");
        foreignOrigin.Headers.Add("Origin", "http://evil.example");
        using var foreign = await http.SendAsync(foreignOrigin);

        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, foreign.StatusCode);
    }

    [Fact]
    public async Task ARequestForAnotherHostNameIsRefusedEvenSignedIn()
    {
        using var http = await _dashboard.SignedInClientAsync();
        using var rebound = new HttpRequestMessage(HttpMethod.Get, "stores");
        rebound.Headers.Host = "attacker.example";

        using var response = await http.SendAsync(rebound);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task TheWebhookReceiverTakesASignedDeliveryWithoutASessionAndRefusesABadSignature()
    {
        using var http = Anonymous();
        var body = Encoding.UTF8.GetBytes("""{"inventory_item_id":1,"location_id":1,"available":3}""");
        HttpRequestMessage Delivery(string secret)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, WebhookSubscriptions.ReceiverPath.TrimStart('/')) { Content = new ByteArrayContent(body) };
            request.Headers.Add("X-Shopify-Shop-Domain", "urban-threads.myshopify.com");
            request.Headers.Add("X-Shopify-Topic", "inventory_levels/update");
            request.Headers.Add("X-Shopify-Webhook-Id", Guid.NewGuid().ToString());
            request.Headers.Add("X-Shopify-Event-Id", Guid.NewGuid().ToString());
            request.Headers.Add("X-Shopify-Hmac-Sha256", Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body)));
            return request;
        }

        using var signed = await http.SendAsync(Delivery("demo-secret-urban-threads"));
        using var forged = await http.SendAsync(Delivery("not-the-secret"));

        Assert.Equal(HttpStatusCode.OK, signed.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
    }

    [Fact]
    public async Task TheSignInFormIsRateLimitedPerAddress()
    {
        await _dashboard.CreateUserAsync("carol");
        using var http = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = _dashboard.BaseUrl };
        var answers = new List<HttpStatusCode>();
        for (var attempt = 0; attempt <= AccountServiceCollectionExtensions.SignInAttemptsPerMinute; attempt++)
        {
            // Another forwarded address each time: not believed from a client that is no trusted proxy (loopback included).
            http.DefaultRequestHeaders.Remove("X-Forwarded-For");
            http.DefaultRequestHeaders.Add("X-Forwarded-For", $"203.0.113.{attempt + 1}");
            using var response = await DashboardApp.PostSignInAsync(http, $"nobody-{attempt}", "wrong password, wrong user");
            answers.Add(response.StatusCode);
        }

        Assert.All(answers.Take(AccountServiceCollectionExtensions.SignInAttemptsPerMinute), a => Assert.Equal(HttpStatusCode.OK, a)); // the form again, with its message
        Assert.Equal(HttpStatusCode.TooManyRequests, answers[^1]);
        // The same form under another spelling of its path (the route takes a trailing slash and any case) is limited too.
        foreach (var path in new[] { "account/sign-in/", "ACCOUNT/Sign-In" })
        {
            using var respelled = await DashboardApp.PostSignInAsync(http, "carol", DashboardApp.TestPassword, path);
            Assert.Equal(HttpStatusCode.TooManyRequests, respelled.StatusCode);
        }
    }

    [Fact]
    public async Task OnlyTheLatestSetUpLinkWorksAndTwoUsedAtOnceMakeOneOwner()
    {
        await StartsOwnSetUpLinkAsync();
        var links = _dashboard.Services.GetRequiredService<SyncDashboard.Core.Users.AccountLinks>();
        var older = await links.CreateAsync(SyncDashboard.Core.Users.AccountLinkPurpose.Setup, SyncDashboard.Core.Users.DashboardRoles.Owner, null, "System");
        var newer = await links.CreateAsync(SyncDashboard.Core.Users.AccountLinkPurpose.Setup, SyncDashboard.Core.Users.DashboardRoles.Owner, null, "System");
        Assert.Null(await links.FindUsableAsync(older)); // a later start's link ends the earlier ones
        Assert.NotNull(await links.FindUsableAsync(newer));

        // Were two still usable (a database from before this rule), using both at once makes one Owner only.
        var factory = _dashboard.Services.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<SyncDashboard.Core.Persistence.SyncDbContext>>();
        await using (var db = await factory.CreateDbContextAsync())
        {
            await db.AccountLinks.Where(l => l.Purpose == SyncDashboard.Core.Users.AccountLinkPurpose.Setup)
                .ExecuteUpdateAsync(u => u.SetProperty(l => l.ExpiresAt, DateTimeOffset.UtcNow.AddHours(1)));
        }
        async Task<SyncDashboard.Core.Users.AccountResult> UseAsync(string token, string name)
        {
            await using var scope = _dashboard.Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<SyncDashboard.Core.Users.UserAccounts>().CreateFromLinkAsync(token, name, DashboardApp.TestPassword);
        }
        var results = await Task.WhenAll(UseAsync(older, "racer1"), UseAsync(newer, "racer2"));

        Assert.Single(results, r => r.Succeeded);
        var userManager = _dashboard.Services.CreateScope().ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<SyncDashboard.Core.Users.DashboardUser>>();
        Assert.Single(userManager.Users.ToList());
    }

    [Fact]
    public async Task RefusedFormsSpeakOurWordsAndNeverWriteAPasswordBack()
    {
        using var http = Anonymous();
        var longPassword = new string('p', 300);
        using var response = await DashboardApp.PostSignInAsync(http, "someone", longPassword);
        var page = await response.Content.ReadAsStringAsync();

        Assert.Contains("A password has at most 256 characters.", page);
        Assert.DoesNotContain(longPassword, page, StringComparison.Ordinal);

        await StartsOwnSetUpLinkAsync();
        var token = await _dashboard.Services.GetRequiredService<SyncDashboard.Core.Users.AccountLinks>()
            .CreateAsync(SyncDashboard.Core.Users.AccountLinkPurpose.Setup, SyncDashboard.Core.Users.DashboardRoles.Owner, null, "System");
        await using var scope = _dashboard.Services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<SyncDashboard.Core.Users.UserAccounts>().CreateFromLinkAsync(token, "Zoë 🚀", DashboardApp.TestPassword);
        Assert.Equal("\"Zoë 🚀\" cannot be a user name: use the letters a to z (no accents), digits and - . _ @ + only, without spaces.", result.Message);

        // Long enough but easy to guess (NIST SP 800-63B asks for a check against common passwords).
        foreach (var guessable in new[] { "passwordpassword", "123456789012", "zoe-the-owner-zoe" })
        {
            var refused = await scope.ServiceProvider.GetRequiredService<SyncDashboard.Core.Users.UserAccounts>().CreateFromLinkAsync(token, "zoe-the-owner", guessable);
            Assert.False(refused.Succeeded, guessable);
            Assert.StartsWith("This password is too easy to guess", refused.Message);
        }
        var accepted = await scope.ServiceProvider.GetRequiredService<SyncDashboard.Core.Users.UserAccounts>().CreateFromLinkAsync(token, "zoe-the-owner", DashboardApp.TestPassword);
        Assert.True(accepted.Succeeded, accepted.Message);
    }

    [Fact]
    public async Task TheAnswersDoNotTellAStrangerWhichUserNamesExist()
    {
        var dora = await _dashboard.CreateUserAsync("dora", SyncDashboard.Core.Users.DashboardRoles.Operator);
        using (var scope = _dashboard.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<SyncDashboard.Core.Users.DashboardUser>>();
            var stored = (await users.FindByNameAsync("dora"))!;
            stored.DisabledAt = DateTimeOffset.UtcNow;
            await users.UpdateAsync(stored);
        }
        using var http = Anonymous();
        async Task<string> MessageAsync(string userName, string password)
        {
            using var response = await DashboardApp.PostSignInAsync(http, userName, password);
            var page = await response.Content.ReadAsStringAsync();
            return WebUtility.HtmlDecode(System.Text.RegularExpressions.Regex.Match(page, "data-testid=\"sign-in-message\">([^<]*)<").Groups[1].Value);
        }

        var unknown = new List<string>();
        for (var attempt = 0; attempt < 5; attempt++)
        {
            unknown.Add(await MessageAsync("ghost", "not a password of anyone"));
        }
        var disabledWrong = await MessageAsync("dora", "not dora's password at all");
        var disabledRight = await MessageAsync("dora", DashboardApp.TestPassword);

        // A name nobody has is answered as a known one: wrong four times, then locked as a user would be.
        Assert.All(unknown.Take(4), m => Assert.Equal("The user name or the password is wrong.", m));
        Assert.Equal("Too many failed attempts: \"ghost\" is locked for 15 more minutes. Try again then, or ask the Owner to reset the password.", unknown[4]);
        // A disabled user is told so only by whoever knows the password.
        Assert.Equal("The user name or the password is wrong.", disabledWrong);
        Assert.Equal("This user is disabled. Ask the Owner to enable it again.", disabledRight);
        Assert.NotNull(dora);
    }

    [Fact]
    public async Task APageTheRoleDoesNotAllowSaysSoEvenOnAFullPageLoad()
    {
        using var viewer = await _dashboard.SignedInClientAsync("vera", SyncDashboard.Core.Users.DashboardRoles.Viewer);
        using var owner = await _dashboard.SignedInClientAsync("alice");

        using var refused = await viewer.GetAsync("users");
        var denied = await viewer.GetStringAsync(refused.Headers.Location);
        using var allowed = await owner.GetAsync("users");

        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.Equal($"{_dashboard.BaseUrl}account/denied?ReturnUrl=%2Fusers", refused.Headers.Location!.ToString());
        Assert.Contains("Your role does not allow this page. Ask the Owner if you need it.", denied);
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
    }

    [Fact]
    public async Task TheProfileChangesOnesOwnPasswordWithTheCurrentOneAndKeepsTheSession()
    {
        using var http = await _dashboard.SignedInClientAsync("olga", SyncDashboard.Core.Users.DashboardRoles.Operator);
        const string newPassword = "olga's new and longer password";
        Task<HttpResponseMessage> ChangeAsync(string current, string password, string confirm) =>
            DashboardApp.PostFormAsync(http, "account/profile", "change-password", new Dictionary<string, string>
            {
                ["Form.Current"] = current,
                ["Form.Password"] = password,
                ["Form.Confirm"] = confirm,
            });

        var profile = await http.GetStringAsync("account/profile");
        using var wrong = await ChangeAsync("not my password at all", newPassword, newPassword);
        using var differ = await ChangeAsync(DashboardApp.TestPassword, newPassword, newPassword + "!");
        using var changed = await ChangeAsync(DashboardApp.TestPassword, newPassword, newPassword);

        Assert.Contains("Signed in as <b>olga</b>, Operator.", profile);
        Assert.Contains("Your current password is wrong.", await wrong.Content.ReadAsStringAsync());
        Assert.Contains("The two new passwords differ.", await differ.Content.ReadAsStringAsync());
        Assert.Contains("Your password is changed.", await changed.Content.ReadAsStringAsync());
        Assert.Contains(changed.Headers.GetValues("Set-Cookie"), c => c.StartsWith("SyncDashboard.Auth=", StringComparison.Ordinal)); // the session, refreshed
        using var page = await http.GetAsync("activity");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        using var anonymous = Anonymous();
        using var old = await DashboardApp.PostSignInAsync(anonymous, "olga", DashboardApp.TestPassword);
        Assert.Contains("The user name or the password is wrong.", await old.Content.ReadAsStringAsync());
        using var signedIn = await DashboardApp.PostSignInAsync(anonymous, "olga", newPassword);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
    }

    [Fact]
    public async Task WrongCurrentPasswordsOnTheProfileCountTowardTheLockout()
    {
        using var http = await _dashboard.SignedInClientAsync("gus", SyncDashboard.Core.Users.DashboardRoles.Viewer);
        Task<HttpResponseMessage> ChangeAsync(string current) =>
            DashboardApp.PostFormAsync(http, "account/profile", "change-password", new Dictionary<string, string>
            {
                ["Form.Current"] = current,
                ["Form.Password"] = "a brand new long password",
                ["Form.Confirm"] = "a brand new long password",
            });

        for (var attempt = 1; attempt <= 4; attempt++)
        {
            using var wrong = await ChangeAsync($"guess number {attempt}");
            Assert.Contains("Your current password is wrong.", await wrong.Content.ReadAsStringAsync());
        }
        using var fifth = await ChangeAsync("guess number 5");
        using var right = await ChangeAsync(DashboardApp.TestPassword);

        Assert.Contains("that was too many times", await fifth.Content.ReadAsStringAsync());
        Assert.Contains("Too many wrong passwords", await right.Content.ReadAsStringAsync()); // even the right one, while locked
        using var anonymous = Anonymous();
        using var signIn = await DashboardApp.PostSignInAsync(anonymous, "gus", DashboardApp.TestPassword);
        Assert.Contains("is locked for", await signIn.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task AResetLinkLetsItsUserChooseANewPasswordOnceAndSignsThemIn()
    {
        await _dashboard.CreateUserAsync("alice");
        var olga = await _dashboard.CreateUserAsync("olga", SyncDashboard.Core.Users.DashboardRoles.Operator);
        var actors = _dashboard.Services.GetRequiredService<SyncDashboard.Core.Users.DashboardActors>();
        actors.Current = new SyncDashboard.Core.Users.DashboardActor("alice", new HashSet<string> { SyncDashboard.Core.Users.DashboardRoles.Owner });
        var reset = await _dashboard.Services.GetRequiredService<SyncDashboard.Core.Users.IUserAdministration>().ResetPasswordAsync(olga.Id);
        actors.Current = null;
        using var http = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = _dashboard.BaseUrl };
        const string newPassword = "olga's new and longer password";
        Task<HttpResponseMessage> SetAsync(string password) => DashboardApp.PostFormAsync(http, reset.LinkPath!, "account-link", new Dictionary<string, string>
        {
            ["Form.UserName"] = "olga",
            ["Form.Password"] = password,
            ["Form.Confirm"] = password,
        });

        var form = await http.GetStringAsync(reset.LinkPath);
        using var tooShort = await SetAsync("too short");
        using var set = await SetAsync(newPassword);
        using var signedIn = await http.GetAsync("activity");
        var used = await http.GetStringAsync(reset.LinkPath);

        Assert.Contains("Choose a new password", form);
        Assert.Contains("alice sent you this link to choose a new password for &quot;olga&quot;.", form);
        Assert.Matches("value=\"olga\"[^>]*readonly|readonly[^>]*value=\"olga\"", form);
        Assert.Contains("at least 12 characters", await tooShort.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Redirect, set.StatusCode);
        Assert.Equal(HttpStatusCode.OK, signedIn.StatusCode);
        Assert.Contains("does not work any more", used);
    }

    [Fact]
    public async Task TheWebhookReceiverRefusesABodyLargerThanAnyDeliveryUnread()
    {
        using var http = Anonymous();
        using var huge = new ByteArrayContent(new byte[WebhookEndpointsLimit + 1]);

        using var response = await http.PostAsync(WebhookSubscriptions.ReceiverPath.TrimStart('/'), huge);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    private const long WebhookEndpointsLimit = SyncDashboard.Webhooks.WebhookEndpoints.MaxBodyBytes;

    [Fact]
    public async Task BehindATrustedTlsProxyTheDashboardKnowsItIsServedOverHttpsAndOtherClientsAreNotBelieved()
    {
        static async Task<string> RedirectAsync(DashboardApp dashboard)
        {
            using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = dashboard.BaseUrl };
            using var request = new HttpRequestMessage(HttpMethod.Get, "stores");
            request.Headers.Add("X-Forwarded-Proto", "https");
            using var response = await http.SendAsync(request);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            return response.Headers.Location!.ToString();
        }
        await using var proxied = await DashboardApp.StartAsync(new Dictionary<string, string?> { ["SyncDashboard:TrustedProxies:0"] = "127.0.0.1" });

        Assert.StartsWith("https://", await RedirectAsync(proxied)); // the sign-in redirect keeps the browser on https
        Assert.StartsWith("http://", await RedirectAsync(_dashboard)); // no trusted proxy: the header is anyone's to send
    }

    [Fact]
    public async Task ARequestWithAnEmptyHostIsRefusedWithoutAnError()
    {
        using var client = new System.Net.Sockets.TcpClient();
        await client.ConnectAsync(_dashboard.BaseUrl.Host, _dashboard.BaseUrl.Port);
        await using var stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes("GET /account/sign-in HTTP/1.1\r\nHost: \r\nConnection: close\r\n\r\n"));
        var answer = await new StreamReader(stream).ReadToEndAsync();

        Assert.StartsWith("HTTP/1.1 400", answer);
        Assert.DoesNotContain("Exception", answer, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/stores?install=3", "/stores?install=3")]
    [InlineData("/", "/")]
    [InlineData(null, "/")]
    [InlineData("https://evil.example/", "/")]
    [InlineData("//evil.example/", "/")]
    [InlineData("/\\evil.example/", "/")]
    [InlineData("stores", "/")]
    public void SignInReturnsOnlyToAPathOfTheDashboard(string? returnUrl, string expected) => Assert.Equal(expected, SignIn.LocalPath(returnUrl));

    [Theory]
    [InlineData("http://127.0.0.1:5080", false)]
    [InlineData("http://localhost:5080", false)]
    [InlineData("http://[::1]:5080", false)]
    [InlineData("https://0.0.0.0:5080", false)]
    [InlineData("http://0.0.0.0:5080", true)]
    [InlineData("http://*:5080", true)]
    [InlineData("http://192.168.1.20:5080", true)]
    public void PlainHttpBeyondLoopbackIsWarnedOf(string address, bool warned) => Assert.Equal(warned, ListeningAddressCheck.IsPlainHttpBeyondLoopback(address));
}
