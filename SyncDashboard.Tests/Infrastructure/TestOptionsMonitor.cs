using Microsoft.Extensions.Options;

namespace SyncDashboard.Tests.Infrastructure;

/// <summary>Options that stay what the test set (no change notifications).</summary>
public sealed class TestOptionsMonitor<T>(T value) : IOptionsMonitor<T>
{
    public T CurrentValue => value;

    public T Get(string? name) => value;

    public IDisposable? OnChange(Action<T, string?> listener) => null;
}
