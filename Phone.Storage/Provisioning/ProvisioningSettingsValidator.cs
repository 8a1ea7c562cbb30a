using FluentValidation;
using Phone.SipCore.Configuration;

namespace Phone.Storage.Provisioning;

/// <summary>
/// The provisioning settings' rules. Each message of ours carries an error code
/// (<see cref="ValidationCodes"/>) and keeps its English text as the fallback; the web layer words
/// the code in the page's or the request's language.
/// </summary>
public sealed partial class ProvisioningSettingsValidator : AbstractValidator<ProvisioningSettings>
{
    public const int MaxIntervalHours = 168;

    public ProvisioningSettingsValidator()
    {
        RuleFor(s => s.Url).Custom((url, context) =>
        {
            if (url.Length > 0 && ProvisioningUrl.Problem(url) is { } problem)
            {
                context.AddFailure(new FluentValidation.Results.ValidationFailure(context.PropertyPath, problem.Message, url)
                {
                    ErrorCode = problem.Code,
                    FormattedMessagePlaceholderValues = new Dictionary<string, object>
                    {
                        ["PropertyName"] = context.DisplayName,
                        ["Placeholder"] = problem.Placeholder ?? "",
                    },
                });
            }
        });
        RuleFor(s => s.Url).MaximumLength(2048);
        // Empty: the MAC address, filled in when the URL is expanded.
        RuleFor(s => s.DeviceId).Matches(DeviceIdPattern())
            .WithMessage("1 to 64 characters of A-Z, a-z, 0-9, '.', '_' and '-' (or empty for the MAC address).")
            .WithErrorCode(ValidationCodes.DeviceId)
            .When(s => s.DeviceId.Length > 0);
        RuleFor(s => s.User).MaximumLength(256).Must(u => !u.Contains(':', StringComparison.Ordinal))
            .WithMessage("A Basic-auth user name cannot contain ':' (RFC 7617 2).")
            .WithErrorCode(ValidationCodes.BasicAuthUser);
        RuleFor(s => s.Password).MaximumLength(256);
        RuleFor(s => s.IntervalHours).InclusiveBetween(0, MaxIntervalHours)
            .WithMessage("0 (off) or 1 to {To} hours.")
            .WithErrorCode(ValidationCodes.ProvisioningInterval);
        RuleFor(s => s.CaCertificatePem).Must(pem => pem.Trim().Length == 0 || ProvisioningCertificates.Parse(pem) is not null)
            .WithMessage("Must be one or more PEM certificates (-----BEGIN CERTIFICATE-----).")
            .WithErrorCode(ValidationCodes.CaCertificate)
            .MaximumLength(64 * 1024);
    }

    [System.Text.RegularExpressions.GeneratedRegex("^[A-Za-z0-9._-]{1,64}$")]
    private static partial System.Text.RegularExpressions.Regex DeviceIdPattern();
}
