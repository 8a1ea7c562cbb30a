namespace Phone.Web.Components.Pages.Account;

/// <summary>The password-change form.</summary>
public sealed class PasswordForm
{
    public string Current { get; set; } = "";

    public string Next { get; set; } = "";

    public string Confirm { get; set; } = "";
}
