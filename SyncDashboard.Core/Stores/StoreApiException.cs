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
}
