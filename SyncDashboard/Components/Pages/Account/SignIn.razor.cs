using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Components;
using SyncDashboard.Account;
using SyncDashboard.Core.Users;

namespace SyncDashboard.Components.Pages.Account;

/// <summary>
/// The sign-in form (static server rendering: no circuit before sign-in). The answers are
/// <see cref="SignInCheck"/>'s: wrong names and passwords get the same one; after 5 failures in a row
/// the name is locked for 15 minutes and told so; a disabled user with the right password is told to
/// ask the Owner. The POST is rate-limited per client address.
/// </summary>
public sealed partial class SignIn
{
    [Inject] public required SignInCheck Check { get; init; }
    [Inject] public required NavigationManager Navigation { get; init; }

    [SupplyParameterFromForm(FormName = "sign-in", Name = "Form")] // the fields are named Form.UserName, ...
    private SignInInput? Input { get; set; }

    /// <summary>The form's values (a new, empty one on the first GET).</summary>
    private SignInInput Form => Input ??= new();

    /// <summary>Where to go once signed in (a path of this dashboard only).</summary>
    [SupplyParameterFromQuery]
    public string? ReturnUrl { get; set; }

    /// <summary><c>1</c>: this browser signed out (the sign-out form's answer).</summary>
    [SupplyParameterFromQuery]
    public string? SignedOut { get; set; }

    /// <summary><c>1</c>: the session ended while a page was open (<see cref="SessionEndedMessage"/>).</summary>
    [SupplyParameterFromQuery]
    public string? Ended { get; set; }

    /// <summary>What an open page whose session ended says: a sign-out in another tab or browser, or the Owner changing or disabling the account.</summary>
    public const string SessionEndedMessage = "You are signed out: your session ended (a sign-out in another tab or browser, or a change to your account). Sign in again.";

    private string? Message { get; set; }
    private bool IsError { get; set; }

    protected override void OnInitialized()
    {
        if (SignedOut == "1")
        {
            Message = "You are signed out.";
        }
        else if (Ended == "1")
        {
            Message = SessionEndedMessage;
        }
    }

    private async Task SignInAsync()
    {
        var outcome = await Check.SignInAsync(Form.UserName.Trim(), Form.Password);
        if (outcome.Succeeded)
        {
            Navigation.NavigateTo(LocalPath(ReturnUrl), forceLoad: true);
            return;
        }
        Fail(outcome.Message ?? SignInOutcome.Wrong);
    }

    private void Fail(string message)
    {
        Message = message;
        IsError = true;
        Form.Password = "";
    }

    /// <summary>A path of this dashboard (<c>/stores?x=1</c>); anything else (another host, <c>//evil</c>, <c>/\evil</c>) becomes <c>/</c>.</summary>
    public static string LocalPath(string? returnUrl) =>
        returnUrl is { Length: > 0 } url && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\')) && !url.Contains("://", StringComparison.Ordinal)
            ? url
            : "/";

    /// <summary>A refused form is shown again without the passwords typed (never written back into the page).</summary>
    private void ForgetPasswords()
    {
        Form.Password = "";
    }

    /// <summary>What the sign-in form posts.</summary>
    public sealed class SignInInput
    {
        [Required(ErrorMessage = "Enter your user name.")]
        [StringLength(256, ErrorMessage = "A user name has at most 256 characters.")]
        public string UserName { get; set; } = "";

        [Required(ErrorMessage = "Enter your password.")]
        [StringLength(UsersServiceCollectionExtensions.MaxPasswordLength, ErrorMessage = "A password has at most 256 characters.")]
        public string Password { get; set; } = "";
    }
}
