using FluentValidation;
using FluentValidation.Results;

namespace Phone.SipCore.Configuration;

/// <summary>
/// Rules for <see cref="LineSettings"/>, shared by the web form, the JSON API and the config
/// file. The caller supplies how many lines exist and how to look a PBX profile up, so the
/// feature-sync rule can check the profile the line points at.
/// </summary>
public sealed class LineSettingsValidator : AbstractValidator<LineSettings>
{
    public const int MinExpiry = 30;
    public const int MaxExpiry = 86400;
    public const int MaxTextLength = 64;
    public const int MaxPasswordLength = 128;

    public LineSettingsValidator(int maxLines, Func<int, PbxProfile?> findProfile)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLines, 1);
        ArgumentNullException.ThrowIfNull(findProfile);

        RuleFor(x => x.Number).InclusiveBetween(1, maxLines)
            .WithMessage($"{{PropertyName}} must be a line number from 1 to {maxLines}.").WithErrorCode(ValidationCodes.LineNumber);
        RuleFor(x => x.Label).NotNull().PlainTextUpTo(MaxTextLength);
        RuleFor(x => x.DisplayName).NotNull().PlainTextUpTo(MaxTextLength);

        RuleFor(x => x.User).NotEmpty().When(x => x.Enabled)
            .WithMessage("{PropertyName} is required on an enabled line.").WithErrorCode(ValidationCodes.RequiredWhenEnabled);
        RuleFor(x => x.User).Must(SipSyntax.IsUserPart).When(x => !string.IsNullOrEmpty(x.User))
            .WithMessage(UserPartMessage).WithErrorCode(ValidationCodes.UserPart);
        RuleFor(x => x.User).MaximumLength(MaxTextLength);
        RuleFor(x => x.AuthUser).Must(SipSyntax.IsUserPart).When(x => !string.IsNullOrEmpty(x.AuthUser))
            .WithMessage(UserPartMessage).WithErrorCode(ValidationCodes.UserPart);
        RuleFor(x => x.AuthUser).MaximumLength(MaxTextLength);
        // A custom rule so the failure's AttemptedValue is masked: validation errors are sent
        // back to browsers and API clients, and a password must never travel with them.
        RuleFor(x => x.Password).Custom((password, context) =>
        {
            if (password is not null && (password.Length > MaxPasswordLength || !SipSyntax.HasNoControlCharacters(password)))
            {
                context.AddFailure(new ValidationFailure(nameof(LineSettings.Password),
                    $"Password may hold up to {MaxPasswordLength} characters, without control characters.", "***")
                {
                    ErrorCode = ValidationCodes.Password,
                    FormattedMessagePlaceholderValues = new Dictionary<string, object> { ["PropertyName"] = "Password", ["MaxLength"] = MaxPasswordLength },
                });
            }
        });

        RuleFor(x => x.RegistrarHost).NotEmpty().When(x => x.Enabled)
            .WithMessage("{PropertyName} is required on an enabled line.").WithErrorCode(ValidationCodes.RequiredWhenEnabled);
        RuleFor(x => x.RegistrarHost).Must(SipSyntax.IsHost).When(x => !string.IsNullOrEmpty(x.RegistrarHost))
            .WithMessage("{PropertyName} must be a host name, an IPv4 address or an IPv6 literal.").WithErrorCode(ValidationCodes.Host);
        RuleFor(x => x.Port).InclusiveBetween(1, 65535)
            .WithMessage("{PropertyName} must be from 1 to 65535.").WithErrorCode(ValidationCodes.Range);
        RuleFor(x => x.Transport).IsInEnum()
            .WithMessage("{PropertyName} must be UDP, TCP or TLS.").WithErrorCode(ValidationCodes.Transport);
        RuleFor(x => x.OutboundProxy).Must(SipSyntax.IsHostPort).When(x => !string.IsNullOrEmpty(x.OutboundProxy))
            .WithMessage("{PropertyName} must be a host name, IPv4 address or IPv6 literal, optionally followed by :port.").WithErrorCode(ValidationCodes.HostPort);
        RuleFor(x => x.RegistrationExpiry).InclusiveBetween(MinExpiry, MaxExpiry)
            .WithMessage($"{{PropertyName}} must be from {MinExpiry} to {MaxExpiry} seconds.").WithErrorCode(ValidationCodes.Seconds);

        RuleFor(x => x.PbxProfileId).Must(id => findProfile(id!.Value) is not null)
            .When(x => x.PbxProfileId is not null)
            .WithMessage((_, id) => $"{{PropertyName}} {id} does not name an existing PBX profile.").WithErrorCode(ValidationCodes.UnknownProfile);
        // Reported on FeatureSync: that is the switch the user just flipped.
        RuleFor(x => x.FeatureSync).Must((line, _) => line.PbxProfileId is not null).When(x => x.FeatureSync)
            .WithMessage("{PropertyName} needs a PBX profile: choose one before turning feature sync on.").WithErrorCode(ValidationCodes.SyncNeedsProfile);
        RuleFor(x => x.FeatureSync)
            .Must((line, _) => findProfile(line.PbxProfileId!.Value) is not { CanSync: false })
            .When(x => x.FeatureSync && x.PbxProfileId is not null)
            .WithMessage("{PropertyName} needs a PBX profile that can sync: as-feature-event, or feature codes with at least one code set.")
            .WithErrorCode(ValidationCodes.SyncNeedsCapableProfile);
    }

    private const string UserPartMessage =
        "{PropertyName} may only hold SIP user-part characters (RFC 3261 25.1): letters, digits, - _ . ! ~ * ' ( ) & = + $ , ; ? / and %XX escapes.";
}
