namespace SyncDashboard.Account;

/// <summary>What a sign-in attempt came to, in the words the sign-in page shows.</summary>
/// <param name="Succeeded">The session cookie is set.</param>
/// <param name="Message">Why not (null when it succeeded).</param>
public sealed record SignInOutcome(bool Succeeded, string? Message)
{
    public const string Wrong = "The user name or the password is wrong.";
    public const string Disabled = "This user is disabled. Ask the Owner to enable it again.";

    public static SignInOutcome LockedFor(string userName, int minutes) =>
        new(false, $"Too many failed attempts: \"{userName}\" is locked for {minutes} more minute{(minutes == 1 ? "" : "s")}. Try again then, or ask the Owner to reset the password.");
}
