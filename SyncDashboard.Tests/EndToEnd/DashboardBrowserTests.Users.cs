using Microsoft.Playwright;
using SyncDashboard.Core.Users;
using SyncDashboard.Tests.Infrastructure;

namespace SyncDashboard.Tests.EndToEnd;

// The team: the Owner invites through the Users page, the invitee joins with the link in a browser of their own, and a disabled user cannot sign in.
public sealed partial class DashboardBrowserTests
{
    [Fact]
    public async Task TheOwnerInvitesAnOperatorWhoJoinsAndOnceDisabledCannotSignIn()
    {
        var owner = await browser.NewSignedInPageAsync(_dashboard, "alice");
        owner.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                _consoleErrors.Add(message.Text);
            }
        };
        await owner.GotoAsync(new Uri(_dashboard.BaseUrl, "users").ToString());
        await Assertions.Expect(owner.Locator("[data-interactive=true]")).ToBeVisibleAsync(new() { Timeout = 20_000 });
        await Assertions.Expect(owner.Locator(".mud-navmenu a[href=users]")).ToBeVisibleAsync();
        await Assertions.Expect(owner.Locator("[data-testid=users-grid] tbody tr")).ToHaveCountAsync(1);

        await owner.Locator("[data-testid=invite-role]").ClickAsync();
        await owner.GetByRole(AriaRole.Option, new() { Name = DashboardRoles.Operator, Exact = true }).ClickAsync();
        await Assertions.Expect(owner.Locator("[data-testid=invite-role-means]")).ToHaveTextAsync(DashboardRoles.WhatItMay(DashboardRoles.Operator));
        await owner.Locator("[data-testid=invite]").ClickAsync();
        await Assertions.Expect(owner.Locator("[data-testid=issued-link]")).ToContainTextAsync("account/link?token=");
        var link = (await owner.Locator("[data-testid=issued-link]").InnerTextAsync()).Trim();
        Assert.StartsWith(new Uri(_dashboard.BaseUrl, "account/link?token=").ToString(), link);

        // The invitee: a browser of their own, nobody signed in.
        var invitee = await browser.NewPageAsync();
        await invitee.GotoAsync(link);
        await Assertions.Expect(invitee.Locator("h1")).ToHaveTextAsync("Join the team");
        await Assertions.Expect(invitee.Locator("[data-testid=link-purpose]")).ToContainTextAsync("alice invites you as Operator.");
        await BrowserFixture.CreateAccountAsync(invitee, "oscar", DashboardApp.TestPassword);
        await Assertions.Expect(invitee.Locator("[data-interactive=true]")).ToBeVisibleAsync(new() { Timeout = 20_000 });
        var inviteeCookies = await invitee.Context.CookiesAsync(); // a copy of the session, as if taken
        await invitee.Locator("[data-testid=account-menu] button").ClickAsync();
        await Assertions.Expect(invitee.Locator("[data-testid=signed-in-as]")).ToHaveTextAsync("oscar · Operator");
        await Assertions.Expect(invitee.Locator(".mud-navmenu a[href=users]")).ToHaveCountAsync(0); // the Owner's page only
        await invitee.Locator("[data-testid=profile-link]").ClickAsync();
        await Assertions.Expect(invitee.Locator("[data-testid=profile-who]")).ToHaveTextAsync("Signed in as oscar, Operator.");
        await invitee.GotoAsync(new Uri(_dashboard.BaseUrl, "activity").ToString()); // an interactive page, left open
        await Assertions.Expect(invitee.Locator("[data-interactive=true]")).ToBeVisibleAsync(new() { Timeout = 20_000 });

        // The Owner sees them (after a reload) and disables them, confirming in the dialog.
        await owner.ReloadAsync();
        await Assertions.Expect(owner.Locator("[data-interactive=true]")).ToBeVisibleAsync(new() { Timeout = 20_000 });
        var row = owner.Locator("[data-testid=users-grid] tbody tr").Filter(new() { Has = owner.Locator("[data-testid=user-row-name]", new() { HasTextString = "oscar" }) });
        await Assertions.Expect(row.Locator("[data-testid=user-role]")).ToHaveTextAsync(DashboardRoles.Operator);
        await row.Locator("[data-testid=disable-user]").ClickAsync();
        await Assertions.Expect(owner.Locator("[data-testid=disable-user-dialog]")).ToContainTextAsync("oscar can no longer sign in");
        await owner.Locator("[data-testid=confirm-disable]").ClickAsync();
        await Assertions.Expect(row.Locator("[data-testid=enable-user]")).ToBeVisibleAsync();
        await Assertions.Expect(row.Locator("[data-testid=user-disabled]")).Not.ToHaveTextAsync("—");

        // The invitee's open page is sent to sign-in (its circuit's user is checked again), and so is its next request.
        await Assertions.Expect(invitee).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/sign-in"), new() { Timeout = 20_000 });
        await Assertions.Expect(invitee.Locator("[data-testid=sign-in-message]")).ToHaveTextAsync(SyncDashboard.Components.Pages.Account.SignIn.SessionEndedMessage);
        using (var copied = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = _dashboard.BaseUrl })
        {
            copied.DefaultRequestHeaders.Add("Cookie", string.Join("; ", inviteeCookies.Select(c => $"{c.Name}={c.Value}")));
            using var response = await copied.GetAsync("activity");
            Assert.Equal(System.Net.HttpStatusCode.Redirect, response.StatusCode);
        }

        var again = await browser.NewPageAsync();
        await BrowserFixture.SignInAsync(again, _dashboard, "oscar", DashboardApp.TestPassword);
        await Assertions.Expect(again.Locator("[data-testid=sign-in-message]")).ToHaveTextAsync("This user is disabled. Ask the Owner to enable it again.");
        Assert.Contains("/account/sign-in", again.Url);
        Assert.Empty(_consoleErrors);
    }
}
