using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using SyncDashboard.Core.Persistence;

namespace SyncDashboard.Core.Users;

public static class UsersServiceCollectionExtensions
{
    /// <summary>The longest password accepted (Identity hashes it with PBKDF2; a bound keeps a hash cheap).</summary>
    public const int MaxPasswordLength = 256;

    /// <summary>
    /// The team's users and roles on ASP.NET Core Identity (stored by EF Core in the dashboard's database):
    /// passwords of at least 12 characters with no composition rules and not easy to guess (NIST SP 800-63B;
    /// <see cref="GuessablePasswordValidator"/>), user names of
    /// letters, digits and <c>-._@+</c>; a user is locked for 15 minutes after 5 failed sign-ins in a row.
    /// The web app adds the sign-in itself (cookies) on top.
    /// </summary>
    public static IServiceCollection AddUsers(this IServiceCollection services)
    {
        services.AddIdentityCore<DashboardUser>(options =>
            {
                options.Password.RequiredLength = 12;
                options.Password.RequireDigit = false;
                options.Password.RequireLowercase = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireNonAlphanumeric = false;
                options.Password.RequiredUniqueChars = 4;
                options.Lockout.AllowedForNewUsers = true;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                options.User.RequireUniqueEmail = false;
            })
            .AddRoles<IdentityRole>()
            .AddErrorDescriber<DashboardIdentityErrors>()
            .AddPasswordValidator<GuessablePasswordValidator>()
            .AddEntityFrameworkStores<SyncDbContext>()
            .AddDefaultTokenProviders();
        services.AddSingleton<AccountLinks>();
        services.AddSingleton<DashboardActors>();
        services.AddScoped<UserAccounts>();
        services.AddSingleton<UserAdministration>();
        services.AddSingleton<IUserAdministration>(sp => sp.GetRequiredService<UserAdministration>());
        return services;
    }
}
