using SyncDashboard.Core.Activity;

namespace SyncDashboard.Tests.Components.Fakes;

/// <summary>An in-memory Activity Log: tests add entries and watch what the components ask for.</summary>
public sealed class TestActivityLog : IActivityLog
{
    private long _nextId = 1;

    public event Action? Changed;

    public List<ActivityEntry> Entries { get; } = [];
    public List<ActivityQuery> Queries { get; } = [];
    public int MarkReadCalls { get; private set; }

    /// <summary>Records an entry (newest first, unread) and raises <see cref="Changed"/>, as the real log does.</summary>
    public ActivityEntry Add(string message, ActivityKind kind = ActivityKind.Sync, ActivitySeverity severity = ActivitySeverity.Info,
        string? productTitle = null, string? sku = null, int? storeId = null)
    {
        var entry = new ActivityEntry
        {
            Id = _nextId++,
            At = DateTimeOffset.UtcNow,
            Kind = kind,
            Severity = severity,
            Message = message,
            ProductTitle = productTitle,
            Sku = sku,
            StoreId = storeId,
            StoreName = storeId is null ? null : $"Store {storeId}",
        };
        Entries.Insert(0, entry);
        Changed?.Invoke();
        return entry;
    }

    public Task<ActivityPage> QueryAsync(ActivityQuery query, CancellationToken cancellationToken = default)
    {
        Queries.Add(query);
        var matching = Entries
            .Where(e => query.Kind is null || e.Kind == query.Kind)
            .Where(e => query.Severity is null || e.Severity == query.Severity)
            .Where(e => query.StoreId is null || e.StoreId == query.StoreId)
            .Where(e => query.Sku is null || e.Sku == query.Sku)
            .Where(e => query.User is null || (query.User == ActivityQuery.SystemUser ? e.User is null : e.User == query.User))
            .ToList();
        return Task.FromResult(new ActivityPage([.. matching.Skip(query.Page * query.PageSize).Take(query.PageSize)], matching.Count));
    }

    public Task<int> UnreadCountAsync(CancellationToken cancellationToken = default) => Task.FromResult(Entries.Count(e => !e.Read));

    public Task MarkReadAsync(IReadOnlyCollection<long>? ids = null, CancellationToken cancellationToken = default)
    {
        MarkReadCalls++;
        foreach (var entry in Entries.Where(e => ids is null || ids.Contains(e.Id)))
        {
            entry.Read = true;
        }
        Changed?.Invoke();
        return Task.CompletedTask;
    }
}
