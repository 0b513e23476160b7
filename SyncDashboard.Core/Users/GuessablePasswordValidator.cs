using Microsoft.AspNetCore.Identity;

namespace SyncDashboard.Core.Users;

/// <summary>
/// Refuses passwords that are easy to guess although long enough: common ones, repeats and keyboard
/// runs ("passwordpassword", "123456789012"), and ones built from the user's own name. NIST SP 800-63B
/// §5.1.1.2 asks for new passwords to be checked against such a list; the estimate is Dropbox's zxcvbn
/// (the zxcvbn-core port: dictionaries of common passwords, names and words, and patterns), and a password
/// scoring under <see cref="MinimumScore"/> of 4 is refused.
/// </summary>
public sealed class GuessablePasswordValidator : IPasswordValidator<DashboardUser>
{
    /// <summary>The lowest zxcvbn score accepted: 3 (an estimated crack time of 10^6 seconds or more at zxcvbn's guessing rate).</summary>
    public const int MinimumScore = 3;

    public Task<IdentityResult> ValidateAsync(UserManager<DashboardUser> manager, DashboardUser user, string? password)
    {
        if (string.IsNullOrEmpty(password))
        {
            return Task.FromResult(IdentityResult.Success); // the length rule says so
        }
        string[] own = user.UserName is { } name ? [name, "syncdashboard", "shopify"] : ["syncdashboard", "shopify"];
        var estimate = Zxcvbn.Zxcvbn.MatchPassword(password, own);
        if (estimate.Score >= MinimumScore)
        {
            return Task.FromResult(IdentityResult.Success);
        }
        return Task.FromResult(IdentityResult.Failed(new IdentityError
        {
            Code = "PasswordGuessable",
            Description = $"This password is too easy to guess (a guessing attack would find it {(estimate.CrackTimeDisplay == "instant" ? "at once" : $"within {estimate.CrackTimeDisplay}")}). " +
                "Several unrelated words, or a password manager's, make a good one.",
        }));
    }
}
