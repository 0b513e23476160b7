using System.Net;

namespace SyncDashboard.Core.Stores;

/// <summary>A store answered with an error. <see cref="Errors"/> holds its field errors (422), if any.</summary>
public class StoreApiException(string storeName, HttpStatusCode statusCode, string message,
    IReadOnlyDictionary<string, IReadOnlyList<string>>? errors = null, Exception? inner = null)
    : Exception($"{storeName}: {message}", inner)
{
    public string StoreName { get; } = storeName;
    public HttpStatusCode StatusCode { get; } = statusCode;
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Errors { get; } =
        errors ?? new Dictionary<string, IReadOnlyList<string>>();

    /// <summary>
    /// Whether trying again may succeed: a server error, a timeout, throttling (429, 408) or an
    /// unreachable store. A refusal of the request itself (other 4xx) is not.
    /// </summary>
    public bool IsTransient => (int)StatusCode is >= 500 or 408 or 429 || this is StoreUnavailableException;
}

/// <summary>
/// The store could not be reached or gave no answer in time, even after the retries; or calls to it
/// are paused (<see cref="IsCircuitOpen"/>) because it failed again and again. Nothing was
/// necessarily done by the store: a later sweep or retry by the caller is the way forward.
/// </summary>
public sealed class StoreUnavailableException(string storeName, string message, bool isCircuitOpen, Exception? inner = null)
    : StoreApiException(storeName, HttpStatusCode.ServiceUnavailable, message, errors: null, inner)
{
    /// <summary>Calls to the store are paused after repeated failures; they resume by themselves after the break.</summary>
    public bool IsCircuitOpen { get; } = isCircuitOpen;
}

/// <summary>
/// Quantities were not set because the store no longer holds what the caller expected there
/// (someone else changed them since they were read): nothing of that call was applied.
/// </summary>
public sealed class StoreInventoryConflictException(string storeName, string message, IReadOnlyList<long> staleInventoryItemIds)
    : StoreApiException(storeName, HttpStatusCode.Conflict, message)
{
    /// <summary>The inventory items whose quantity differed from the expected one.</summary>
    public IReadOnlyList<long> StaleInventoryItemIds { get; } = staleInventoryItemIds;
}
