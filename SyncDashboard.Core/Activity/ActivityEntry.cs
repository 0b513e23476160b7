namespace SyncDashboard.Core.Activity;

/// <summary>One line of the Activity Log: what happened, where, and how bad it was.</summary>
public sealed class ActivityEntry
{
    public long Id { get; set; }
    public DateTimeOffset At { get; set; }
    public int? StoreId { get; set; }
    public string? StoreName { get; set; }
    public long? ProductId { get; set; }
    public string? ProductTitle { get; set; }
    public string? Sku { get; set; }
    public ActivityKind Kind { get; set; }
    public ActivitySeverity Severity { get; set; }
    public required string Message { get; set; }

    /// <summary>Read (not counted by the bell). A new entry starts unread only if it needs a look (<see cref="StartsUnread"/>).</summary>
    public bool Read { get; set; }

    /// <summary>The user name of who did it; null for what the dashboard did by itself (webhooks, sweeps, the reconciliation), shown as "System".</summary>
    public string? User { get; set; }

    /// <summary>
    /// Whether a new entry of <paramref name="severity"/> starts unread, counted by the bell: warnings and errors
    /// only. Routine entries (a stock update, a sync that went well) stay in the log, read, so the bell stays a signal.
    /// </summary>
    public static bool StartsUnread(ActivitySeverity severity) => severity is ActivitySeverity.Warning or ActivitySeverity.Error;
}

public enum ActivityKind
{
    Sync,
    Unsync,
    Map,
    Unmap,
    InventoryUpdate,
    ProductUpdate,
    ProductDeleted,
    WebhookRejected,
    Connection,
    Job,
    Failure,

    /// <summary>A reconciliation found differences between linked products and repaired them.</summary>
    Reconciliation,

    /// <summary>A link needs the merchant: a mapped product's variants changed at the Source.</summary>
    OutOfStep,

    /// <summary>Users: created, invited, changed role, disabled, password reset.</summary>
    Users,
}

public enum ActivitySeverity
{
    Info,
    Success,
    Warning,
    Error,
}
