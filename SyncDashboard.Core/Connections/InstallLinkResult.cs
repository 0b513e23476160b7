namespace SyncDashboard.Core.Connections;

/// <summary>An install link made (<see cref="Link"/>, with when it stops working), or why none was.</summary>
/// <param name="Succeeded">Whether a link was made.</param>
/// <param name="Message">What to tell the merchant: how to use the link, or what is wrong.</param>
/// <param name="Link">The link to give the store's owner; null when none was made.</param>
/// <param name="ExpiresAt">When the link stops working.</param>
public sealed record InstallLinkResult(bool Succeeded, string Message, Uri? Link = null, DateTimeOffset? ExpiresAt = null);
