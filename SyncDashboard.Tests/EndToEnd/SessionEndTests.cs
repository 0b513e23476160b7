using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using SyncDashboard.Components.Pages.Account;
using SyncDashboard.Core.Persistence;
using SyncDashboard.Core.Users;
using SyncDashboard.Tests.Infrastructure;

namespace SyncDashboard.Tests.EndToEnd;

/// <summary>
/// A page left open after its session ended (a sign-out in another tab, a disabling) does nothing more for its user: its
/// next click is refused and sends it to sign-in at once, long before the periodic check of open pages (a minute here).
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class SessionEndTests(BrowserFixture browser) : IAsyncLifetime
{
    private DashboardApp _dashboard = null!;

    public async Task InitializeAsync()
    {
        _dashboard = await DashboardApp.StartAsync(new Dictionary<string, string?>
        {
            ["DemoStores:Catalogue:ProductsPerSource"] = "20",
            ["DemoStores:Catalogue:DestinationOnlyProducts"] = "5",
            ["SyncDashboard:OpenPageRecheckInterval"] = "00:10:00", // the periodic check never comes within the test
        });
        await _dashboard.WaitUntilReadyAsync();
    }

    public async Task DisposeAsync() => await _dashboard.DisposeAsync();

    [Theory]
    [InlineData(false)] // signed out in another tab or browser (what the sign-out form does to the user)
    [InlineData(true)] // disabled by the Owner
    public async Task AClickOnAPageWhoseSessionEndedIsRefusedAndSignsItOut(bool disabled)
    {
        var page = await browser.NewSignedInPageAsync(_dashboard, "olive", DashboardRoles.Operator);
        await page.GotoAsync(new Uri(_dashboard.BaseUrl, "?store=2&status=notsynced").ToString());
        await Assertions.Expect(page.Locator("[data-interactive=true]")).ToBeVisibleAsync(new() { Timeout = 20_000 });
        await page.Locator("[data-testid=product-grid] tbody tr input[type=checkbox]").First.CheckAsync();
        await Assertions.Expect(page.Locator("[data-testid=bulk-bar]")).ToContainTextAsync("1 selected");

        await using (var scope = _dashboard.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<DashboardUser>>();
            var olive = (await users.FindByNameAsync("olive"))!;
            if (disabled)
            {
                olive.DisabledAt = DateTimeOffset.UtcNow;
                await users.UpdateAsync(olive);
            }
            await users.UpdateSecurityStampAsync(olive); // as a sign-out, a disabling or a role change does
        }
        await Task.Delay(ActorCircuitHandlerRolesTtl); // past the second for which a page trusts what it read
        await page.Locator("[data-testid=sync-selected]").ClickAsync();

        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/sign-in\\?ended=1"), new() { Timeout = 10_000 });
        await Assertions.Expect(page.Locator("[data-testid=sign-in-message]")).ToHaveTextAsync(SignIn.SessionEndedMessage);
        await using var db = await _dashboard.Services.GetRequiredService<IDbContextFactory<SyncDbContext>>().CreateDbContextAsync();
        Assert.Equal(0, await db.Jobs.CountAsync()); // nothing was synced for the user whose session had ended
    }

    private static readonly TimeSpan ActorCircuitHandlerRolesTtl = TimeSpan.FromSeconds(1.5);
}
