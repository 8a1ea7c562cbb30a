using FluentValidation;

namespace Phone.Storage.Provisioning;

/// <summary>The rules of the provisioning settings, for the API and the page alike.</summary>
public sealed partial class ProvisioningSettingsValidator : AbstractValidator<ProvisioningSettings>
{
    public const int MaxIntervalHours = 168;

    public ProvisioningSettingsValidator()
    {
        RuleFor(s => s.Url).Must(url => url.Length == 0 || ProvisioningUrl.Problem(url) is null)
            .WithMessage(s => ProvisioningUrl.Problem(s.Url) ?? "")
            .MaximumLength(2048);
        // Empty: the MAC address, filled in when the URL is expanded.
        RuleFor(s => s.DeviceId).Matches(DeviceIdPattern())
            .WithMessage("1 to 64 characters of A-Z, a-z, 0-9, '.', '_' and '-' (or empty for the MAC address).")
            .When(s => s.DeviceId.Length > 0);
        RuleFor(s => s.User).MaximumLength(256).Must(u => !u.Contains(':', StringComparison.Ordinal))
            .WithMessage("A Basic-auth user name cannot contain ':' (RFC 7617 2).");
        RuleFor(s => s.Password).MaximumLength(256);
        RuleFor(s => s.IntervalHours).InclusiveBetween(0, MaxIntervalHours)
            .WithMessage($"0 (off) or 1 to {MaxIntervalHours} hours.");
        RuleFor(s => s.CaCertificatePem).Must(pem => pem.Trim().Length == 0 || ProvisioningCertificates.Parse(pem) is not null)
            .WithMessage("Must be one or more PEM certificates (-----BEGIN CERTIFICATE-----).")
            .MaximumLength(64 * 1024);
    }

    [System.Text.RegularExpressions.GeneratedRegex("^[A-Za-z0-9._-]{1,64}$")]
    private static partial System.Text.RegularExpressions.Regex DeviceIdPattern();
}
