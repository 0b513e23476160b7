namespace SyncDashboard.Core.Users;

/// <summary>
/// Who is acting in the current flow of work (an <see cref="AsyncLocal{T}"/>, like
/// <c>IHttpContextAccessor</c>): the web app sets it for each event of a signed-in user's Blazor
/// circuit, the job runner for the jobs a user started. Services demand a role before they change
/// anything (<see cref="Demand"/>), and the Activity Log records the actor's name.
/// </summary>
public sealed class DashboardActors
{
    private static readonly AsyncLocal<DashboardActor?> CurrentActor = new();

    /// <summary>The actor of this flow, or null for the dashboard's own work.</summary>
    public DashboardActor? Current
    {
        get => CurrentActor.Value;
        set => CurrentActor.Value = value;
    }

    /// <summary>
    /// Refuses (<see cref="ActionNotAllowedException"/>) when a user acts whose session has ended (<see cref="DashboardActor.SessionEnded"/>)
    /// or whose role is not in <paramref name="allowed"/>; the dashboard's own work (no actor) and a job's (checked when it was
    /// started) are allowed.
    /// </summary>
    /// <param name="what">The action in words, for the refusal: "unsync products".</param>
    public void Demand(string what, params string[] allowed)
    {
        if (Current is { SessionEnded: true })
        {
            throw new ActionNotAllowedException($"Your session has ended (a sign-out in another tab or browser, or a change to your account): sign in again to {what}.");
        }
        if (Current is { ActsForJob: false } actor && !allowed.Any(actor.Roles.Contains))
        {
            throw new ActionNotAllowedException(
                $"Your role ({actor.Role}) does not allow you to {what}: ask {(allowed.Contains(DashboardRoles.Operator) ? "an Operator or the Owner" : "the Owner")}.");
        }
    }

    /// <summary>Work any signed-in user may ask for (a Bulk Mapper dry run): any role, in a session that has not ended.</summary>
    public void DemandSignedIn(string what) => Demand(what, [.. DashboardRoles.All]);

    /// <summary>Changes products, links or the settings of fields and prices: Owner or Operator.</summary>
    public void DemandOperator(string what) => Demand(what, DashboardRoles.Owner, DashboardRoles.Operator);

    /// <summary>Store connections, secrets and users: Owner only.</summary>
    public void DemandOwner(string what) => Demand(what, DashboardRoles.Owner);
}
