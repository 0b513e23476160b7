using Microsoft.Playwright;
using SyncDashboard.Tests.Infrastructure;

namespace SyncDashboard.Tests.EndToEnd;

/// <summary>
/// Headless Chromium for the end-to-end tests. The Debian package is installed when it is missing
/// (the test command does the set-up); if it cannot be had, the tests fail rather than skip.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await EnsureChromiumAsync();
        // CI shares two cores between these tests and the rest of the suite; a cold first render can take seconds.
        Assertions.SetDefaultExpectTimeout(15_000);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            // The machine has no internet: keep Chromium from calling home.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync"],
        });
    }

    public async Task<IPage> NewPageAsync() => await NewPageAsync(1440, 900);

    /// <summary>A new page (its own cookies and storage) of that viewport, its system preferring <paramref name="colorScheme"/>.</summary>
    public async Task<IPage> NewPageAsync(int width, int height, ColorScheme colorScheme = ColorScheme.Light)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = width, Height = height },
            ColorScheme = colorScheme,
            AcceptDownloads = true,
        });
        return await context.NewPageAsync();
    }

    /// <summary>A new page (its own cookies) signed in to <paramref name="dashboard"/> through its sign-in form, as <paramref name="userName"/> (made with <paramref name="role"/> if missing).</summary>
    public async Task<IPage> NewSignedInPageAsync(DashboardApp dashboard, string userName = "owner", string role = SyncDashboard.Core.Users.DashboardRoles.Owner)
    {
        await dashboard.EnsureUserAsync(userName, role);
        var page = await NewPageAsync();
        await SignInAsync(page, dashboard, userName, DashboardApp.TestPassword);
        await Assertions.Expect(page).Not.ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/sign-in"));
        return page;
    }

    /// <summary>Fills and sends the form of a set-up or invitation link (the user name, the password twice).</summary>
    public static async Task CreateAccountAsync(IPage page, string userName, string password)
    {
        await page.Locator("[data-testid=user-name]").FillAsync(userName);
        await page.Locator("[data-testid=password]").FillAsync(password);
        await page.Locator("[data-testid=confirm]").FillAsync(password);
        await page.Locator("[data-testid=create-user]").ClickAsync();
    }

    /// <summary>Fills and sends the sign-in form.</summary>
    public static async Task SignInAsync(IPage page, DashboardApp dashboard, string userName, string password)
    {
        await page.GotoAsync(new Uri(dashboard.BaseUrl, "account/sign-in").ToString());
        await page.Locator("[data-testid=user-name]").FillAsync(userName);
        await page.Locator("[data-testid=password]").FillAsync(password);
        await page.Locator("[data-testid=sign-in]").ClickAsync();
        await page.WaitForLoadStateAsync(LoadState.DOMContentLoaded);
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }
        _playwright?.Dispose();
    }

    private static async Task EnsureChromiumAsync()
    {
        if (File.Exists(ChromiumPath))
        {
            return;
        }
        await SetupCommands.InstallDebianPackagesAsync("chromium chromium-driver", "installing Chromium for the browser tests");
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"Chromium is not at {ChromiumPath} after installing the Debian package 'chromium'.");
        }
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "Browser";
}
