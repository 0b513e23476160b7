using SyncDashboard.Core.Users;

namespace SyncDashboard.Tests.Rules;

/// <summary>Who may ask for what: roles, a job's own work, and a page whose session ended.</summary>
public sealed class DashboardActorsTests
{
    private readonly DashboardActors _actors = new();

    private static DashboardActor As(params string[] roles) => new("olive", roles.ToHashSet());

    [Fact]
    public void AnActorWhoseSessionEndedIsRefusedEverythingWithTheReason()
    {
        _actors.Current = DashboardActor.Ended("olive");

        foreach (var demand in new Action[] { () => _actors.DemandSignedIn("run the Bulk Mapper"), () => _actors.DemandOperator("sync products"), () => _actors.DemandOwner("connect stores") })
        {
            var refusal = Assert.Throws<ActionNotAllowedException>(demand);
            Assert.StartsWith("Your session has ended (a sign-out in another tab or browser, or a change to your account): sign in again to ", refusal.Message);
        }
    }

    [Fact]
    public void AnySignedInRoleMayAskForWhatAllMay()
    {
        foreach (var role in DashboardRoles.All)
        {
            _actors.Current = As(role);
            _actors.DemandSignedIn("run the Bulk Mapper");
        }
        _actors.Current = As(); // no role: a removed user
        Assert.Throws<ActionNotAllowedException>(() => _actors.DemandSignedIn("run the Bulk Mapper"));
        _actors.Current = null; // the dashboard's own work
        _actors.DemandSignedIn("run the Bulk Mapper");
    }

    [Fact]
    public void AViewerIsRefusedWhatAnOperatorMayDo()
    {
        _actors.Current = As(DashboardRoles.Viewer);
        Assert.Equal("Your role (Viewer) does not allow you to sync products: ask an Operator or the Owner.",
            Assert.Throws<ActionNotAllowedException>(() => _actors.DemandOperator("sync products")).Message);
        _actors.Current = As(DashboardRoles.Operator);
        _actors.DemandOperator("sync products");
    }
}
