namespace SyncDashboard.Core.Connections;

/// <summary>How the dashboard answered a store's install callback.</summary>
public enum StoreInstallStatus
{
    /// <summary>The callback is not trusted (unknown, expired or used state, bad signature, another shop): nothing was changed.</summary>
    Refused,

    /// <summary>The callback was genuine but the install could not be completed (code refused, store refused): the link is used up.</summary>
    Failed,

    /// <summary>The store was connected.</summary>
    Connected,
}
