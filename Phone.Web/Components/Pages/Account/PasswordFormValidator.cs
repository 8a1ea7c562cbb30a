using FluentValidation;
using Phone.Web.Localization;
using Phone.Web.Security;

namespace Phone.Web.Components.Pages.Account;

/// <summary>Rules for a new admin password; messages in the page's language.</summary>
public sealed class PasswordFormValidator : AbstractValidator<PasswordForm>
{
    public PasswordFormValidator(UiText text)
    {
        ArgumentNullException.ThrowIfNull(text);
        RuleFor(x => x.Current).NotEmpty().WithMessage(_ => text["Password.CurrentRequired"]);
        RuleFor(x => x.Next).Length(AdminAccount.MinPasswordLength, AdminAccount.MaxPasswordLength)
            .WithMessage(_ => text.Format("Password.LengthRule", AdminAccount.MinPasswordLength, AdminAccount.MaxPasswordLength));
        RuleFor(x => x.Confirm).Equal(x => x.Next).WithMessage(_ => text["Password.Mismatch"]);
    }
}
