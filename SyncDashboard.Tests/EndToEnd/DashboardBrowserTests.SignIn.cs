using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using SyncDashboard.Account;
using SyncDashboard.Core.Users;
using SyncDashboard.Tests.Infrastructure;

namespace SyncDashboard.Tests.EndToEnd;

// Signing in: nobody gets a page without it; the first start's set-up link makes the Owner; a locked-out user is told so.
public sealed partial class DashboardBrowserTests
{
    [Fact]
    public async Task AnAnonymousVisitIsSentToSignInAndTheSetUpLinkMakesTheOwnerOnce()
    {
        var page = await browser.NewPageAsync();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                _consoleErrors.Add(message.Text);
            }
        };

        await page.GotoAsync(new Uri(_dashboard.BaseUrl, "stores").ToString());
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/sign-in\\?ReturnUrl=%2Fstores$"));
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Sign in");

        // The link the console printed at start (no user yet): it creates the Owner, who is in at once.
        var link = await _dashboard.Services.GetServices<IHostedService>().OfType<OwnerSetup>().Single().Link.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.NotNull(link);
        await page.GotoAsync(link.ToString());
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Create the Owner");
        await BrowserFixture.CreateAccountAsync(page, "alice", "short");
        await Assertions.Expect(page.Locator("[data-testid=link-message]")).ToContainTextAsync("at least 12 characters");
        await BrowserFixture.CreateAccountAsync(page, "alice", DashboardApp.TestPassword);

        await Assertions.Expect(page.Locator("[data-interactive=true]")).ToBeVisibleAsync(new() { Timeout = 20_000 });
        await page.Locator("[data-testid=account-menu] button").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=signed-in-as]")).ToHaveTextAsync("alice · Owner");

        // Used once: a second visit (or someone who copied it) is told, and nothing is made.
        var again = await browser.NewPageAsync();
        await again.GotoAsync(link.ToString());
        await Assertions.Expect(again.Locator("[data-testid=link-message]")).ToContainTextAsync("does not work any more");

        // Signing out ends the session: the pages ask for sign-in again. (The open page's own check of its session may see it
        // end before the browser has followed the form's answer and send it to sign-in first: that page says so too.)
        await page.Locator("[data-testid=sign-out]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=sign-in-message]")).ToHaveTextAsync(
            new System.Text.RegularExpressions.Regex($"^(You are signed out\\.|{System.Text.RegularExpressions.Regex.Escape(SyncDashboard.Components.Pages.Account.SignIn.SessionEndedMessage)})$"));
        await page.GotoAsync(new Uri(_dashboard.BaseUrl, "activity").ToString());
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/sign-in"));
        Assert.Empty(_consoleErrors);
    }

    [Fact]
    public async Task AUserLockedOutAfterFiveWrongPasswordsIsToldSoEvenWithTheRightOne()
    {
        await _dashboard.CreateUserAsync("bob", DashboardRoles.Operator);
        var page = await browser.NewPageAsync();

        await BrowserFixture.SignInAsync(page, _dashboard, "bob", "not the password at all");
        await Assertions.Expect(page.Locator("[data-testid=sign-in-message]")).ToHaveTextAsync("The user name or the password is wrong.");
        for (var attempt = 2; attempt <= 5; attempt++)
        {
            await BrowserFixture.SignInAsync(page, _dashboard, "bob", $"wrong password {attempt}");
        }
        await BrowserFixture.SignInAsync(page, _dashboard, "bob", DashboardApp.TestPassword);

        await Assertions.Expect(page.Locator("[data-testid=sign-in-message]")).ToContainTextAsync("Too many failed attempts: \"bob\" is locked for 15 more minutes.");
        Assert.Contains("/account/sign-in", page.Url);
    }

    [Fact]
    public async Task AViewerCannotUnsyncTheButtonIsNotOfferedAndTheServiceRefuses()
    {
        var page = await browser.NewSignedInPageAsync(_dashboard, "vera", DashboardRoles.Viewer);
        await page.GotoAsync(_dashboard.BaseUrl.ToString());
        await Assertions.Expect(page.Locator("[data-interactive=true]")).ToBeVisibleAsync(new() { Timeout = 20_000 });
        await Assertions.Expect(page.Locator("[data-testid=product-grid] tbody tr").First).ToBeVisibleAsync(new() { Timeout = 20_000 });

        await page.Locator("[data-testid=product-grid] tbody tr input[type=checkbox]").First.CheckAsync();

        await Assertions.Expect(page.Locator("[data-testid=read-only]")).ToContainTextAsync("Your role (Viewer) can look here but not sync, unsync, map or resync products.");
        await Assertions.Expect(page.Locator("[data-testid=unsync-delete]")).ToHaveCountAsync(0);
        // Whatever a page offers, the service refuses a Viewer (as a forged circuit message would reach it).
        var actors = _dashboard.Services.GetRequiredService<DashboardActors>();
        actors.Current = new DashboardActor("vera", new HashSet<string> { DashboardRoles.Viewer });
        await Assert.ThrowsAsync<ActionNotAllowedException>(() =>
            _dashboard.Services.GetRequiredService<SyncDashboard.Core.Jobs.IJobService>().StartBulkUnsyncAsync([1], SyncDashboard.Core.Syncing.UnsyncMode.Delete));
        actors.Current = null;
        Assert.Empty(_consoleErrors);
    }
}
