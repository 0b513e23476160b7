namespace SyncDashboard.Core.Users;

/// <summary>
/// The three roles of a merchant's team, from most to least trusted (the issue "Sign-in, roles and who
/// did what"): the Owner does everything, including store connections, secrets and users; an Operator
/// syncs, unsyncs, maps, resyncs and changes fields and prices; a Viewer only reads (grid, details,
/// reports, Activity Log).
/// </summary>
public static class DashboardRoles
{
    public const string Owner = "Owner";
    public const string Operator = "Operator";
    public const string Viewer = "Viewer";

    /// <summary>Every role, most trusted first.</summary>
    public static IReadOnlyList<string> All { get; } = [Owner, Operator, Viewer];

    /// <summary>What <paramref name="role"/> may do, in words (the Users page shows it when a role is chosen).</summary>
    public static string WhatItMay(string role) => role switch
    {
        Owner => "Everything, including store connections, secrets and users.",
        Operator => "Syncs, unsyncs, maps and resyncs products, and changes the settings of fields and prices.",
        Viewer => "Reads only: the products, their details, reports and the Activity Log.",
        _ => "Nothing: not a role.",
    };

    /// <summary>Roles that may change products, links and settings of fields and prices.</summary>
    public const string OperatorOrOwner = Owner + "," + Operator;
}
