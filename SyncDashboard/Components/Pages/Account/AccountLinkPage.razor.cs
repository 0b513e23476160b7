using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Identity;
using SyncDashboard.Core.Users;

namespace SyncDashboard.Components.Pages.Account;

/// <summary>
/// A one-time account link (<c>/account/link?token=</c>): the first start's set-up link creates the
/// Owner, an invitation creates a user with the role the Owner chose, a password reset link lets its
/// user choose a new password (which ends their lockout and their other sessions); the user is then
/// signed in at once (unless disabled). A used, expired or unknown link says so and changes nothing.
/// </summary>
public sealed partial class AccountLinkPage
{
    [Inject] public required AccountLinks Links { get; init; }
    [Inject] public required UserAccounts Accounts { get; init; }
    [Inject] public required SignInManager<DashboardUser> SignInManager { get; init; }
    [Inject] public required NavigationManager Navigation { get; init; }

    [SupplyParameterFromQuery]
    public string? Token { get; set; }

    [SupplyParameterFromForm(FormName = "account-link", Name = "Form")] // the fields are named Form.UserName, ...
    private AccountLinkInput? Input { get; set; }

    /// <summary>The form's values (a new, empty one on the first GET).</summary>
    private AccountLinkInput Form => Input ??= new();

    private AccountLink? Link { get; set; }
    private string? Message { get; set; }

    /// <summary>What the link did, when there is nothing more to do here (a disabled user's new password).</summary>
    private string? Done { get; set; }

    private bool IsReset => Link?.Purpose == AccountLinkPurpose.PasswordReset;

    private string Heading => Link?.Purpose switch
    {
        AccountLinkPurpose.Setup => "Create the Owner",
        AccountLinkPurpose.Invite => "Join the team",
        AccountLinkPurpose.PasswordReset => "Choose a new password",
        _ => "Account link",
    };

    private string Purpose => Link?.Purpose switch
    {
        AccountLinkPurpose.Setup => "Nobody can sign in yet: the user you create now is the Owner, who can do everything, including store connections and users.",
        AccountLinkPurpose.Invite => $"{Link.CreatedBy} invites you as {Link.Role}. Choose your user name and password.",
        AccountLinkPurpose.PasswordReset => $"{Link.CreatedBy} sent you this link to choose a new password for \"{Form.UserName}\". Your current password works until you do.",
        _ => "",
    };

    protected override async Task OnInitializedAsync() => await FindLinkAsync();

    /// <summary>The link of <see cref="Token"/> while usable; for a reset, the name of its user fills the form.</summary>
    private async Task FindLinkAsync()
    {
        Link = await Links.FindUsableAsync(Token);
        if (IsReset)
        {
            Form.UserName = await Accounts.UserNameOfAsync(Link!) ?? "";
        }
    }

    private async Task SubmitAsync()
    {
        if (Form.Password != Form.Confirm)
        {
            Message = "The two passwords differ.";
            ForgetPasswords();
            return;
        }
        var result = IsReset
            ? await Accounts.ResetPasswordFromLinkAsync(Token, Form.Password)
            : await Accounts.CreateFromLinkAsync(Token, Form.UserName, Form.Password);
        if (!result.Succeeded)
        {
            Message = result.Message;
            ForgetPasswords();
            await FindLinkAsync();
            return;
        }
        if (result.User is not { DisabledAt: null } user)
        {
            Done = result.Message; // the password is set, but a disabled user does not sign in
            return;
        }
        await SignInManager.SignInAsync(user, isPersistent: false);
        Navigation.NavigateTo("/", forceLoad: true);
    }

    /// <summary>A refused form is shown again without the passwords typed (never written back into the page).</summary>
    private void ForgetPasswords()
    {
        Form.Password = "";
        Form.Confirm = "";
    }

    /// <summary>What the account-link form posts.</summary>
    public sealed class AccountLinkInput
    {
        [Required(ErrorMessage = "Choose a user name.")]
        [StringLength(256, ErrorMessage = "A user name has at most 256 characters.")]
        public string UserName { get; set; } = "";

        [Required(ErrorMessage = "Choose a password.")]
        [StringLength(UsersServiceCollectionExtensions.MaxPasswordLength, ErrorMessage = "A password has at most 256 characters.")]
        public string Password { get; set; } = "";

        [Required(ErrorMessage = "Type the password again.")]
        public string Confirm { get; set; } = "";
    }
}
