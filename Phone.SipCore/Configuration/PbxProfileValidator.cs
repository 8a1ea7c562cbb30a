using System.Linq.Expressions;
using FluentValidation;
using FluentValidation.Results;

namespace Phone.SipCore.Configuration;

/// <summary>Rules for <see cref="PbxProfile"/>, shared by every entry path.</summary>
public sealed class PbxProfileValidator : AbstractValidator<PbxProfile>
{
    public const int MaxNameLength = 64;
    public const int MaxSecondsPerRing = 30;

    public PbxProfileValidator()
    {
        RuleFor(x => x.Name).NotEmpty().WithMessage("{PropertyName} is required.").WithErrorCode(ValidationCodes.Required);
        RuleFor(x => x.Name).PlainTextUpTo(MaxNameLength);
        RuleFor(x => x.Method).IsInEnum()
            .WithMessage("{PropertyName} must be AsFeatureEvent, FeatureCodes or FeatureCodesWithAsFeatureEventDnd.").WithErrorCode(ValidationCodes.SyncMethod);

        CodePair(x => x.DndOnCode, x => x.DndOffCode);
        CodePair(x => x.ForwardAlwaysOnCode, x => x.ForwardAlwaysOffCode);
        CodePair(x => x.ForwardBusyOnCode, x => x.ForwardBusyOffCode);
        CodePair(x => x.ForwardNoAnswerOnCode, x => x.ForwardNoAnswerOffCode);

        RuleFor(x => x.ForwardPattern).Must(SipSyntax.IsForwardPattern)
            .WithMessage("{PropertyName} must contain {code} and {number} once each; other characters may only be 0-9 * #.").WithErrorCode(ValidationCodes.ForwardPattern);
        RuleFor(x => x.SecondsPerRing).InclusiveBetween(1, MaxSecondsPerRing)
            .WithMessage($"{{PropertyName}} must be from 1 to {MaxSecondsPerRing}.").WithErrorCode(ValidationCodes.Range);
        RuleFor(x => x.EventPackage).Must(SipSyntax.IsEventPackage)
            .WithMessage("{PropertyName} must be a SIP token (letters, digits, - . ! % * _ + ` ' ~), up to 64 characters.").WithErrorCode(ValidationCodes.EventPackage);
        // The parser's error names the bad entry, and the SIP core reads the list the same way.
        // Added as a whole failure so the admin's text is not run through the message formatter.
        RuleFor(x => x.TrustedHosts).Custom((text, context) =>
        {
            if (!TrustedHostList.TryParse(text, out _, out var error))
            {
                context.AddFailure(new ValidationFailure(context.PropertyPath, $"{context.DisplayName}: {error}", text));
            }
        });
    }

    private void CodePair(Expression<Func<PbxProfile, string>> on, Expression<Func<PbxProfile, string>> off)
    {
        var getOn = on.Compile();
        var getOff = off.Compile();
        RuleFor(on).Must(IsFeatureCode).When(x => !string.IsNullOrEmpty(getOn(x)))
            .WithMessage(CodeMessage).WithErrorCode(ValidationCodes.FeatureCode);
        RuleFor(off).Must(IsFeatureCode).When(x => !string.IsNullOrEmpty(getOff(x)))
            .WithMessage(CodeMessage).WithErrorCode(ValidationCodes.FeatureCode);
        // The same code for on and off would toggle, which flips state unpredictably (protocol.md 5).
        RuleFor(off).Must((profile, code) => !string.Equals(code, getOn(profile), StringComparison.Ordinal))
            .When(x => !string.IsNullOrEmpty(getOn(x)) && !string.IsNullOrEmpty(getOff(x)))
            .WithMessage("{PropertyName} must differ from the matching on-code.").WithErrorCode(ValidationCodes.SameOnOffCode);
    }

    /// <summary>The code's limit goes into the placeholders as {MaxLength} for translated messages.</summary>
    private static bool IsFeatureCode(PbxProfile profile, string code, ValidationContext<PbxProfile> context)
    {
        context.MessageFormatter.AppendArgument("MaxLength", SipSyntax.MaxFeatureCodeLength);
        return SipSyntax.IsFeatureCode(code);
    }

    private static readonly string CodeMessage =
        $"{{PropertyName}} may only hold 0-9 * # and at most {SipSyntax.MaxFeatureCodeLength} characters.";
}
