namespace SyncDashboard.DemoStores;

/// <summary>
/// An OAuth request the demo store refuses. The token endpoint answers it as JSON in the shape of
/// RFC 6749 §5.2, which Shopify uses: <c>{"error": "invalid_request", "error_description": "..."}</c>;
/// the authorize page shows it as an HTML error page (<c>Oauth error {error}: {description}</c>).
/// </summary>
/// <param name="status">The HTTP status: 400, or 401 for <c>invalid_client</c>.</param>
/// <param name="error">The OAuth error code (<c>invalid_request</c>, <c>invalid_client</c>, <c>invalid_grant</c>, <c>invalid_scope</c>, <c>unsupported_grant_type</c>).</param>
/// <param name="description">What was wrong, for a person.</param>
public sealed class DemoStoreOAuthException(int status, string error, string description)
    : Exception($"Oauth error {error}: {description}")
{
    public int Status { get; } = status;
    public string Error { get; } = error;
    public string Description { get; } = description;

    public static DemoStoreOAuthException InvalidRequest(string description) => new(400, "invalid_request", description);
}
