using FluentValidation;
using Microsoft.Extensions.Localization;
using Phone.Web.Resources;
using Phone.Web.Security;

namespace Phone.Web.Components.Pages.Account;

/// <summary>Rules for a new admin password; messages in the page's language.</summary>
public sealed class PasswordFormValidator : AbstractValidator<PasswordForm>
{
    public PasswordFormValidator(IStringLocalizer<PageText> text)
    {
        ArgumentNullException.ThrowIfNull(text);
        RuleFor(x => x.Current).NotEmpty().WithMessage(_ => text["Password.CurrentRequired"]);
        RuleFor(x => x.Next).Length(AdminAccount.MinPasswordLength, AdminAccount.MaxPasswordLength)
            .WithMessage(_ => text["Password.LengthRule", AdminAccount.MinPasswordLength, AdminAccount.MaxPasswordLength]);
        RuleFor(x => x.Confirm).Equal(x => x.Next).WithMessage(_ => text["Password.Mismatch"]);
    }
}
