using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Identity;
using SyncDashboard.Core.Users;

namespace SyncDashboard.Components.Pages.Account;

/// <summary>
/// A one-time account link (<c>/account/link?token=</c>): the first start's set-up link creates the
/// Owner, an invitation creates a user with the role the Owner chose; the new user is signed in at
/// once. A used, expired or unknown link says so and changes nothing.
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

    private string Heading => Link?.Purpose switch
    {
        AccountLinkPurpose.Setup => "Create the Owner",
        AccountLinkPurpose.Invite => "Join the team",
        _ => "Account link",
    };

    private string Purpose => Link?.Purpose switch
    {
        AccountLinkPurpose.Setup => "Nobody can sign in yet: the user you create now is the Owner, who can do everything, including store connections and users.",
        AccountLinkPurpose.Invite => $"{Link.CreatedBy} invites you as {Link.Role}. Choose your user name and password.",
        _ => "",
    };

    protected override async Task OnInitializedAsync()
    {
        Link = await Links.FindUsableAsync(Token);
        if (Link is { Purpose: AccountLinkPurpose.PasswordReset })
        {
            Link = null; // reset links are for the password page (not yet offered)
        }
    }

    private async Task CreateAsync()
    {
        if (Form.Password != Form.Confirm)
        {
            Message = "The two passwords differ.";
            return;
        }
        var result = await Accounts.CreateFromLinkAsync(Token, Form.UserName, Form.Password);
        if (!result.Succeeded)
        {
            Message = result.Message;
            Link = await Links.FindUsableAsync(Token);
            return;
        }
        await SignInManager.SignInAsync(result.User!, isPersistent: false);
        Navigation.NavigateTo("/", forceLoad: true);
    }

    /// <summary>What the account-link form posts.</summary>
    public sealed class AccountLinkInput
    {
        [Required(ErrorMessage = "Choose a user name.")]
        [StringLength(256)]
        public string UserName { get; set; } = "";

        [Required(ErrorMessage = "Choose a password.")]
        [StringLength(UsersServiceCollectionExtensions.MaxPasswordLength)]
        public string Password { get; set; } = "";

        [Required(ErrorMessage = "Type the password again.")]
        public string Confirm { get; set; } = "";
    }
}
