using FluentValidation;
using Phone.SipCore.FeatureSync.Model;

namespace Phone.SipCore.Configuration;

/// <summary>Rules for a feature value, whoever sets it (web, API, config, server).</summary>
public sealed class FeatureStateValidator : AbstractValidator<FeatureState>
{
    public const int MaxRingCount = 20;
    public const int MaxDetailLength = 500;

    public FeatureStateValidator()
    {
        // Enum.IsDefined<T>, not IsInEnum(): FluentValidation's enum rule looks the enum's
        // attributes up by reflection on every call, and the storage writer validates every
        // feature state it stores (1.8 % of the phone's CPU in a 1,000 NOTIFY/s storm).
        RuleFor(x => x.Kind).Must(kind => Enum.IsDefined(kind)).WithMessage("{PropertyName} must be Dnd, ForwardAlways, ForwardBusy or ForwardNoAnswer.")
            .WithErrorCode(ValidationCodes.FeatureKind);
        RuleFor(x => x.Standing).Must(standing => Enum.IsDefined(standing)).WithMessage("{PropertyName} is not a known standing.").WithErrorCode(ValidationCodes.Standing);
        RuleFor(x => x.Origin).Must(origin => Enum.IsDefined(origin)).WithMessage("{PropertyName} must be Server, Phone, Web or Config.").WithErrorCode(ValidationCodes.Origin);
        RuleFor(x => x.Target).Empty().When(x => x.Kind == FeatureKind.Dnd)
            .WithMessage("{PropertyName} must be empty for DND.").WithErrorCode(ValidationCodes.DndHasNoTarget);
        RuleFor(x => x.Target).NotEmpty().When(x => x.Kind != FeatureKind.Dnd && x.Enabled)
            .WithMessage("{PropertyName} is required to switch a forward on.").WithErrorCode(ValidationCodes.ForwardNeedsTarget);
        RuleFor(x => x.Target).Must(SipSyntax.IsForwardTarget).When(x => !string.IsNullOrEmpty(x.Target))
            .WithMessage("{PropertyName} must be a dialable number (+, 0-9, * #, up to 32 digits) or a sip:/sips: URI.").WithErrorCode(ValidationCodes.ForwardTarget);
        // protocol.md 1: ranges seen up to 15; accept 0-20.
        RuleFor(x => x.RingCount).InclusiveBetween(0, MaxRingCount).When(x => x.RingCount is not null)
            .WithMessage($"{{PropertyName}} must be from 0 to {MaxRingCount}.").WithErrorCode(ValidationCodes.Range);
        RuleFor(x => x.Detail).MaximumLength(MaxDetailLength);
    }
}
