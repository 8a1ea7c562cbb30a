using FluentValidation;

namespace Phone.SipCore.Configuration;

/// <summary>The rule for a short free-text field (label, display name, profile name).</summary>
internal static class PlainTextRule
{
    /// <summary>
    /// Up to <paramref name="maxLength"/> characters without control characters. The limit goes
    /// into the failure's placeholders as {MaxLength}, so a translated message can name it.
    /// </summary>
    public static IRuleBuilderOptions<T, string> PlainTextUpTo<T>(this IRuleBuilder<T, string> rule, int maxLength) =>
        rule.MaximumLength(maxLength)
            .Must((_, value, context) =>
            {
                context.MessageFormatter.AppendArgument("MaxLength", maxLength);
                return SipSyntax.HasNoControlCharacters(value);
            })
            .WithMessage($"{{PropertyName}} may hold up to {maxLength} characters, without control characters.")
            .WithErrorCode(ValidationCodes.PlainText);
}
