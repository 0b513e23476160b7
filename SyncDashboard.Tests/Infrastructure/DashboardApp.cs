using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SyncDashboard.Extensions;

namespace SyncDashboard.Tests.Infrastructure;

/// <summary>
/// The real dashboard, built with the same extension methods as Program.cs and started on
/// loopback with its demo stores, each on a free port, and its data in a folder of its own.
/// </summary>
public sealed class DashboardApp : IAsyncDisposable
{
    private readonly bool _ownsData;

    private DashboardApp(WebApplication app, TempDirectory data, bool ownsData, IReadOnlyDictionary<string, int> ports)
    {
        _ownsData = ownsData;
        App = app;
        Data = data;
        DemoStorePorts = ports;
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseUrl = new Uri(address.TrimEnd('/') + "/");
    }

    public WebApplication App { get; }
    public TempDirectory Data { get; }
    public Uri BaseUrl { get; }
    public IReadOnlyDictionary<string, int> DemoStorePorts { get; }
    public IServiceProvider Services => App.Services;

    /// <summary>The running demo store of that name.</summary>
    public SyncDashboard.DemoStores.DemoStoreServer DemoStore(string name) =>
        Services.GetRequiredService<SyncDashboard.DemoStores.DemoStoresHost>().Get(name);

    /// <summary>
    /// Lets the dashboard call a store at <paramref name="baseUrl"/> (a loopback address and port), as the
    /// demo stores register theirs: for a demo store a test starts of its own, which the dashboard would
    /// otherwise refuse as an address on a private network.
    /// </summary>
    public void AllowStoreAddress(Uri baseUrl) => Services.GetRequiredService<SyncDashboard.Core.Stores.StoreAddressPolicy>().Allow(baseUrl);

    /// <summary>Waits until the sync engine has read every store once.</summary>
    public Task WaitUntilReadyAsync() =>
        Services.GetRequiredService<SyncDashboard.Core.SyncEngineStartup>().Ready.WaitAsync(TimeSpan.FromSeconds(60));

    public static async Task<DashboardApp> StartAsync(IDictionary<string, string?>? settings = null, TempDirectory? data = null, TestLogs? logs = null,
        Action<IServiceCollection>? services = null)
    {
        var ownsData = data is null;
        data ??= new TempDirectory();
        var ports = new Dictionary<string, int>
        {
            ["northwind-outlet"] = FreePort.Next(),
            ["urban-threads"] = FreePort.Next(),
            ["hearth-and-home"] = FreePort.Next(),
        };
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            ApplicationName = "SyncDashboard",
            ContentRootPath = Path.Combine(SharedFixtures.RepositoryRoot, "SyncDashboard"),
            EnvironmentName = "Development",
        });
        var overrides = new Dictionary<string, string?>
        {
            ["Urls"] = "http://127.0.0.1:0",
            ["DemoStores:DataDirectory"] = data.Path,
            ["SyncDashboard:DataDirectory"] = data.Path,
            ["Stores:Destination:BaseUrl"] = $"http://127.0.0.1:{ports["northwind-outlet"]}",
            ["Stores:Sources:0:BaseUrl"] = $"http://127.0.0.1:{ports["urban-threads"]}",
            ["Stores:Sources:1:BaseUrl"] = $"http://127.0.0.1:{ports["hearth-and-home"]}",
            ["DemoStores:Stores:0:Port"] = ports["northwind-outlet"].ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["DemoStores:Stores:1:Port"] = ports["urban-threads"].ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["DemoStores:Stores:2:Port"] = ports["hearth-and-home"].ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            overrides[key] = value;
        }
        builder.Configuration.AddInMemoryCollection(overrides);
        builder.WebHost.UseStaticWebAssets();
        if (logs is not null)
        {
            builder.Logging.AddProvider(logs);
        }
        builder.AddApplicationServices();
        services?.Invoke(builder.Services); // a test's own services, registered last so they win
        var app = builder.Build();
        app.MapApplication();
        await app.StartAsync();
        return new DashboardApp(app, data, ownsData, ports);
    }

    /// <summary>The password of the users tests make (long enough for the dashboard's rule).</summary>
    public const string TestPassword = "correct horse battery staple";

    /// <summary>A user of that role, made directly (as an invitation would), to sign in with <see cref="TestPassword"/>.</summary>
    public async Task<SyncDashboard.Core.Users.DashboardUser> CreateUserAsync(string userName, string role = SyncDashboard.Core.Users.DashboardRoles.Owner)
    {
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<SyncDashboard.Core.Users.DashboardUser>>();
        var roles = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.RoleManager<Microsoft.AspNetCore.Identity.IdentityRole>>();
        if (!await roles.RoleExistsAsync(role))
        {
            await roles.CreateAsync(new Microsoft.AspNetCore.Identity.IdentityRole(role));
        }
        var user = new SyncDashboard.Core.Users.DashboardUser { UserName = userName, CreatedAt = DateTimeOffset.UtcNow };
        var created = await users.CreateAsync(user, TestPassword);
        if (!created.Succeeded)
        {
            throw new InvalidOperationException(string.Join(" ", created.Errors.Select(e => e.Description)));
        }
        await users.AddToRoleAsync(user, role);
        return user;
    }

    /// <summary>The user of that name, made with <paramref name="role"/> (see <see cref="CreateUserAsync"/>) if there is none yet.</summary>
    public async Task EnsureUserAsync(string userName, string role)
    {
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<SyncDashboard.Core.Users.DashboardUser>>();
        if (await users.FindByNameAsync(userName) is null)
        {
            await CreateUserAsync(userName, role);
        }
    }

    /// <summary>
    /// An HttpClient signed in as <paramref name="userName"/> (made with <paramref name="role"/> if missing) through the sign-in
    /// form, as a browser does: its cookies kept, redirects not followed.
    /// </summary>
    public async Task<HttpClient> SignedInClientAsync(string userName = "owner", string role = SyncDashboard.Core.Users.DashboardRoles.Owner)
    {
        await EnsureUserAsync(userName, role);
        var http = new HttpClient(new HttpClientHandler { CookieContainer = new System.Net.CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = BaseUrl };
        using var response = await PostSignInAsync(http, userName, TestPassword);
        if (response.StatusCode != System.Net.HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Signing in as {userName} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
        return http;
    }

    /// <summary>Posts the sign-in form (with the antiforgery token its page gave) and returns the answer.</summary>
    public static Task<HttpResponseMessage> PostSignInAsync(HttpClient http, string userName, string password, string path = "account/sign-in") =>
        PostFormAsync(http, path, "sign-in", new Dictionary<string, string>
        {
            ["Form.UserName"] = userName,
            ["Form.Password"] = password,
        });

    /// <summary>
    /// Posts the form <paramref name="formName"/> of the server-rendered page at <paramref name="path"/> as a browser does:
    /// the page is read first for its antiforgery token.
    /// </summary>
    public static async Task<HttpResponseMessage> PostFormAsync(HttpClient http, string path, string formName, IDictionary<string, string> fields)
    {
        var form = await http.GetStringAsync(path);
        var token = System.Text.RegularExpressions.Regex.Match(form, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"|type=\"hidden\" name=\"__RequestVerificationToken\" value=\"([^\"]+)\"");
        var value = token.Groups[1].Success ? token.Groups[1].Value : token.Groups[2].Value;
        var content = new Dictionary<string, string>(fields)
        {
            ["_handler"] = formName,
            ["__RequestVerificationToken"] = System.Net.WebUtility.HtmlDecode(value),
        };
        return await http.PostAsync(path, new FormUrlEncodedContent(content));
    }

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
        if (_ownsData)
        {
            Data.Dispose();
        }
    }
}
