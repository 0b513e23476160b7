using Microsoft.AspNetCore.Identity;

namespace SyncDashboard.Core.Users;

/// <summary>
/// ASP.NET Core Identity's refusals in the dashboard's words, naming what is allowed (Identity's own say
/// "can only contain letters or digits", while it also takes <c>-._@+</c> and no accented letter).
/// </summary>
public sealed class DashboardIdentityErrors : IdentityErrorDescriber
{
    public override IdentityError InvalidUserName(string? userName) => new()
    {
        Code = nameof(InvalidUserName),
        Description = $"\"{userName}\" cannot be a user name: use the letters a to z (no accents), digits and - . _ @ + only, without spaces.",
    };

    public override IdentityError DuplicateUserName(string userName) => new()
    {
        Code = nameof(DuplicateUserName),
        Description = $"The user name \"{userName}\" is taken; choose another.",
    };
}
