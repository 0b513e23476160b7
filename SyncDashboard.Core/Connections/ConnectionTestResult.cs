using SyncDashboard.Core.Stores;

namespace SyncDashboard.Core.Connections;

/// <summary>The answer of a connection test: the store's name, domain and locations, or what is wrong.</summary>
public sealed record ConnectionTestResult(bool Succeeded, string Message, StoreShop? Shop = null, IReadOnlyList<StoreLocation>? Locations = null);
