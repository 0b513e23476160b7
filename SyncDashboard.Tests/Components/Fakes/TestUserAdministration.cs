using SyncDashboard.Core.Users;

namespace SyncDashboard.Tests.Components.Fakes;

/// <summary>
/// The team in memory: changes apply to <see cref="Users"/> and are recorded in <see cref="Calls"/>
/// ("invite Operator", "role olga Viewer", "disable olga", "enable olga", "reset olga"); links get
/// tokens <c>token-1</c>, <c>token-2</c>, ...; <see cref="Refusal"/> refuses the next change with
/// its message. The rules themselves are the real service's (<c>Engine/UserAdministrationTests</c>).
/// </summary>
public sealed class TestUserAdministration : IUserAdministration
{
    private int _links;

    public List<UserSummary> Users { get; } = [];
    public List<string> Calls { get; } = [];
    public string? Refusal { get; set; }

    /// <summary>The Owner "owner" (whom the component tests sign in as), an Operator, a disabled Viewer, and a locked-out Operator.</summary>
    public TestUserAdministration AddTeam()
    {
        var created = new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.Zero);
        Users.Add(new UserSummary("u1", "owner", DashboardRoles.Owner, created, null, null));
        Users.Add(new UserSummary("u2", "olga", DashboardRoles.Operator, created.AddHours(1), null, null));
        Users.Add(new UserSummary("u3", "vera", DashboardRoles.Viewer, created.AddHours(2), created.AddDays(1), null));
        Users.Add(new UserSummary("u4", "leo", DashboardRoles.Operator, created.AddHours(3), null, DateTimeOffset.UtcNow.AddMinutes(12)));
        return this;
    }

    public Task<IReadOnlyList<UserSummary>> ListAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<UserSummary>>([.. Users]);

    public Task<UserAdministrationResult> InviteAsync(string role, CancellationToken cancellationToken = default) =>
        Change($"invite {role}", () => Link($"Send this link to the person you invite as {role}."));

    public Task<UserAdministrationResult> ChangeRoleAsync(string userId, string role, CancellationToken cancellationToken = default) =>
        Change($"role {Name(userId)} {role}", () => Update(userId, u => u with { Role = role }, $"User \"{Name(userId)}\" is now {role}."));

    public Task<UserAdministrationResult> DisableAsync(string userId, CancellationToken cancellationToken = default) =>
        Change($"disable {Name(userId)}", () => Update(userId, u => u with { DisabledAt = DateTimeOffset.UtcNow }, $"User \"{Name(userId)}\" was disabled."));

    public Task<UserAdministrationResult> EnableAsync(string userId, CancellationToken cancellationToken = default) =>
        Change($"enable {Name(userId)}", () => Update(userId, u => u with { DisabledAt = null }, $"User \"{Name(userId)}\" was enabled."));

    public Task<UserAdministrationResult> ResetPasswordAsync(string userId, CancellationToken cancellationToken = default) =>
        Change($"reset {Name(userId)}", () => Link($"Send this link to \"{Name(userId)}\"."));

    /// <summary>The open links the page lists (a test adds them; Revoke removes one).</summary>
    public List<OpenLinkSummary> OpenLinks { get; } = [];

    public Task<IReadOnlyList<OpenLinkSummary>> ListOpenLinksAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<OpenLinkSummary>>([.. OpenLinks]);

    public Task<UserAdministrationResult> RevokeLinkAsync(int linkId, CancellationToken cancellationToken = default) =>
        Change($"revoke {linkId}", () =>
        {
            var link = OpenLinks.Single(l => l.Id == linkId);
            OpenLinks.Remove(link);
            return new UserAdministrationResult(true, $"{link.For} revoked: the link no longer works.");
        });

    private Task<UserAdministrationResult> Change(string call, Func<UserAdministrationResult> change)
    {
        Calls.Add(call);
        if (Refusal is { } refusal)
        {
            Refusal = null;
            return Task.FromResult(UserAdministrationResult.Refused(refusal));
        }
        return Task.FromResult(change());
    }

    private UserAdministrationResult Link(string message) =>
        new(true, message, $"token-{++_links}", DateTimeOffset.UtcNow.AddHours(1));

    private UserAdministrationResult Update(string userId, Func<UserSummary, UserSummary> change, string message)
    {
        var index = Users.FindIndex(u => u.Id == userId);
        Users[index] = change(Users[index]);
        return new UserAdministrationResult(true, message);
    }

    private string Name(string userId) => Users.Single(u => u.Id == userId).UserName;
}
