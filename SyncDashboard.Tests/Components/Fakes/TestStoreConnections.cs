using SyncDashboard.Core.Connections;

namespace SyncDashboard.Tests.Components.Fakes;

/// <summary>The connected stores a test sets up; settings changes and disconnects are recorded.</summary>
public sealed class TestStoreConnectionService : IStoreConnectionService
{
    public List<StoreConnection> Connections { get; } = [];
    public List<(int Id, SourceSettings Settings)> SettingsUpdates { get; } = [];
    public List<(int Id, bool DeleteCopies)> Disconnects { get; } = [];
    public Dictionary<int, IReadOnlyList<SyncDashboard.Core.Stores.StoreLocation>> Locations { get; } = [];

    public StoreConnection Add(int id, string name, StoreRole role)
    {
        var connection = new StoreConnection
        {
            Id = id,
            Name = name,
            Role = role,
            BaseUrl = $"http://127.0.0.1:{5100 + id}",
            ShopDomain = $"{name.ToLowerInvariant().Replace(' ', '-')}.myshopify.com",
            ProtectedAccessToken = "protected",
            ProtectedWebhookSecret = "protected",
        };
        Connections.Add(connection);
        return connection;
    }

    /// <summary>The demo's stores: Northwind Outlet (Destination, id 1), Urban Threads (2) and Hearth and Home (3).</summary>
    public void AddDemoStores()
    {
        Add(1, "Northwind Outlet", StoreRole.Destination);
        Add(2, "Urban Threads", StoreRole.Source);
        Add(3, "Hearth and Home", StoreRole.Source);
    }

    public Task<IReadOnlyList<StoreConnection>> ListAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<StoreConnection>>([.. Connections.Where(c => c.Status != ConnectionStatus.Disconnected)]);

    /// <summary>Validates as the real service does (the settings' own rules), then records and applies them.</summary>
    public Task UpdateSettingsAsync(int id, SourceSettings settings, CancellationToken cancellationToken = default)
    {
        var problems = settings.Validate();
        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", problems), nameof(settings));
        }
        SettingsUpdates.Add((id, settings));
        var connection = Connections.Single(c => c.Id == id);
        (connection.SyncedFields, connection.MappedFields, connection.PriceRule, connection.LocationId, connection.DeletePolicy) =
            (settings.SyncedFields, settings.MappedFields, settings.PriceRule, settings.LocationId, settings.DeletePolicy);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<SyncDashboard.Core.Stores.StoreLocation>> ListLocationsAsync(int id, CancellationToken cancellationToken = default) =>
        Task.FromResult(Locations.GetValueOrDefault(id) ?? [new SyncDashboard.Core.Stores.StoreLocation(100 + id, "Main warehouse", true)]);
}

/// <summary>Records disconnects and marks the store disconnected in <see cref="TestStoreConnectionService"/>.</summary>
public sealed class TestStoreDisconnector(TestStoreConnectionService connections) : SyncDashboard.Core.Syncing.IStoreDisconnector
{
    public Task<string> DisconnectAsync(int id, bool deleteCopies, CancellationToken cancellationToken = default)
    {
        connections.Disconnects.Add((id, deleteCopies));
        connections.Connections.Single(c => c.Id == id).Status = ConnectionStatus.Disconnected;
        return Task.FromResult($"Disconnected store {id}.");
    }
}

/// <summary>Answers connection tests with <see cref="TestResult"/>; connections made are recorded and added to the store list.</summary>
public sealed class TestStoreConnector(TestStoreConnectionService connections) : IStoreConnector
{
    public ConnectionTestResult TestResult { get; set; } = new(false, "No answer configured.");
    public List<NewStoreConnection> Tested { get; } = [];
    public List<NewStoreConnection> Connected { get; } = [];

    /// <summary>When set, a test waits for it before it answers (to see what the form shows meanwhile).</summary>
    public TaskCompletionSource? TestGate { get; set; }

    public async Task<ConnectionTestResult> TestAsync(NewStoreConnection request, CancellationToken cancellationToken = default)
    {
        Tested.Add(request);
        if (TestGate is { } gate)
        {
            await gate.Task;
        }
        return TestResult;
    }

    public Task<(StoreConnection? Connection, string Message)> ConnectAsync(NewStoreConnection request, CancellationToken cancellationToken = default)
    {
        Connected.Add(request);
        var connection = connections.Add(connections.Connections.Max(c => c.Id) + 1, request.Name, request.Role);
        return Task.FromResult<(StoreConnection?, string)>((connection, $"Connected {request.Name}."));
    }
}
