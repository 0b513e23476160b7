using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Identity;
using SyncDashboard.Core.Users;

namespace SyncDashboard.Components.Pages.Account;

/// <summary>
/// The signed-in user's own page (<c>/account/profile</c>, any role; linked from the account menu):
/// their name and role, and changing their password with the current one (Identity's
/// <c>ChangePasswordAsync</c>). Rendered on the server without a circuit, so that the sign-in cookie
/// can be refreshed after the change: the password change replaces the security stamp, which would
/// otherwise end this session too within a minute (the other sessions do end).
/// </summary>
public sealed partial class Profile
{
    [Inject] public required UserAccounts Accounts { get; init; }
    [Inject] public required SignInManager<DashboardUser> SignInManager { get; init; }

    [CascadingParameter]
    public HttpContext? HttpContext { get; set; }

    [SupplyParameterFromForm(FormName = "change-password", Name = "Form")] // the fields are named Form.Current, ...
    private ChangePasswordInput? Input { get; set; }

    /// <summary>The form's values (a new, empty one on the first GET).</summary>
    private ChangePasswordInput Form => Input ??= new();

    private DashboardActor? Actor => DashboardActor.From(HttpContext?.User);

    private string? Message { get; set; }
    private bool Succeeded { get; set; }

    private async Task ChangePasswordAsync()
    {
        var result = Form.Password == Form.Confirm
            ? await Accounts.ChangePasswordAsync(HttpContext!.User, Form.Current, Form.Password)
            : new AccountResult(false, "The two new passwords differ.");
        Message = result.Message;
        Succeeded = result.Succeeded;
        Form.Current = Form.Password = Form.Confirm = "";
        if (result.User is { } user)
        {
            await SignInManager.RefreshSignInAsync(user); // this session carries the new security stamp
        }
    }

    /// <summary>A refused form is shown again without the passwords typed (never written back into the page).</summary>
    private void ForgetPasswords()
    {
        Form.Current = "";
        Form.Password = "";
        Form.Confirm = "";
    }

    /// <summary>What the change-password form posts.</summary>
    public sealed class ChangePasswordInput
    {
        [Required(ErrorMessage = "Enter your current password.")]
        [StringLength(UsersServiceCollectionExtensions.MaxPasswordLength, ErrorMessage = "A password has at most 256 characters.")]
        public string Current { get; set; } = "";

        [Required(ErrorMessage = "Choose a new password.")]
        [StringLength(UsersServiceCollectionExtensions.MaxPasswordLength, ErrorMessage = "A password has at most 256 characters.")]
        public string Password { get; set; } = "";

        [Required(ErrorMessage = "Type the new password again.")]
        public string Confirm { get; set; } = "";
    }
}
