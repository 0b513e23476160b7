using Microsoft.Extensions.Logging.Abstractions;
using SyncDashboard.Core.Connections;
using SyncDashboard.Core.Shopify;

namespace SyncDashboard.Tests.Components.Fakes;

/// <summary>
/// Makes install links as the real installer does (the adapter's own <see cref="ShopifyAppInstalls.InstallLink"/>,
/// the callback under <see cref="DashboardBaseUrl"/>, a new state each time) without a database; requests are
/// recorded, <see cref="Refusal"/> refuses them, and <see cref="Outcomes"/> are the install outcomes a test sets up.
/// </summary>
public sealed class TestStoreInstaller : IStoreInstaller
{
    private readonly ShopifyAppInstalls _adapter = new(new NoHttp(), TimeProvider.System, NullLogger<ShopifyAppInstalls>.Instance);
    private int _made;

    public Uri DashboardBaseUrl { get; set; } = new("http://127.0.0.1:5080/");
    public string? Refusal { get; set; }
    public List<NewStoreInstall> Requests { get; } = [];
    public List<string> States { get; } = [];
    public Dictionary<int, StoreInstallOutcome> Outcomes { get; } = [];

    public IReadOnlyList<string> Scopes => _adapter.Scopes;

    public Task<InstallLinkResult> CreateLinkAsync(NewStoreInstall request, CancellationToken cancellationToken = default)
    {
        Requests.Add(request);
        if (request.Validate() is { Count: > 0 } problems)
        {
            return Task.FromResult(new InstallLinkResult(false, string.Join(" ", problems.Select(p => p.Message))));
        }
        if (Refusal is not null)
        {
            return Task.FromResult(new InstallLinkResult(false, Refusal));
        }
        var state = $"state{++_made}{Guid.NewGuid():N}";
        States.Add(state);
        var link = _adapter.InstallLink(new Uri(request.BaseUrl), request.ClientId, new Uri(DashboardBaseUrl, StoreInstaller.CallbackPath), state);
        return Task.FromResult(new InstallLinkResult(true, $"Send this link to the owner of {link.Host}.", link, DateTimeOffset.UtcNow.AddHours(1)));
    }

    public Task<StoreInstallOutcome?> OutcomeAsync(int installId, CancellationToken cancellationToken = default) =>
        Task.FromResult(Outcomes.GetValueOrDefault(installId));

    /// <summary>Making a link sends nothing: a fake that refuses to be used.</summary>
    private sealed class NoHttp : IHttpClientFactory
    {
        public HttpClient CreateClient(string name) => throw new InvalidOperationException("Making an install link must not call a store.");
    }
}
