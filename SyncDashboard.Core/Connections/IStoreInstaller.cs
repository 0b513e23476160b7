namespace SyncDashboard.Core.Connections;

/// <summary>Install links for stores of other merchants, as the dashboard's Stores page uses them.</summary>
public interface IStoreInstaller
{
    /// <summary>The permissions an install link asks for, in the store's own names (for example <c>read_products</c>).</summary>
    IReadOnlyList<string> Scopes { get; }

    /// <summary>
    /// Makes and remembers an install link for <paramref name="request"/>: usable once, for
    /// <see cref="StoreInstaller.LinkLifetime"/>. Nothing is asked of the store yet.
    /// </summary>
    /// <returns>The link, or every problem (missing fields, a name or address already connected, the dashboard's address unknown).</returns>
    Task<InstallLinkResult> CreateLinkAsync(NewStoreInstall request, CancellationToken cancellationToken = default);

    /// <summary>How the install <paramref name="installId"/> ended; null when it is unknown or has not ended.</summary>
    Task<StoreInstallOutcome?> OutcomeAsync(int installId, CancellationToken cancellationToken = default);
}
