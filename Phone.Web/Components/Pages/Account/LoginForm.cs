namespace Phone.Web.Components.Pages.Account;

/// <summary>The sign-in form; the user name is fixed (<c>admin</c>) but asked for, as people expect.</summary>
public sealed class LoginForm
{
    public string? UserName { get; set; }

    public string? Password { get; set; }
}
