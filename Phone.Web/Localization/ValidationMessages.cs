using FluentValidation.Internal;
using FluentValidation.Results;
using Microsoft.Extensions.Localization;
using Phone.Web.Resources;

namespace Phone.Web.Localization;

/// <summary>
/// Words a validation failure in the current UI culture (the page's, or the API request's
/// Accept-Language). The shared validators in Phone.SipCore tag their own messages with an error
/// code (ValidationCodes) and keep an English text; here the code picks the sentence from
/// <see cref="ValidationText"/> and FluentValidation's formatter fills in the failure's own
/// placeholders, with the field's name translated. A failure without one of our codes (a
/// built-in rule, already worded by FluentValidation's language manager in the current culture,
/// or a message written elsewhere) keeps its message.
/// </summary>
public sealed class ValidationMessages(IStringLocalizer<ValidationText> text)
{
    public string Of(ValidationFailure failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        if (string.IsNullOrEmpty(failure.ErrorCode) || text[$"Validation.{failure.ErrorCode}"] is not { ResourceNotFound: false } template)
        {
            return failure.ErrorMessage;
        }
        var formatter = new MessageFormatter();
        foreach (var (name, value) in failure.FormattedMessagePlaceholderValues ?? new Dictionary<string, object>())
        {
            formatter.AppendArgument(name, value);
        }
        formatter.AppendPropertyName(FieldName(failure));
        return formatter.BuildMessage(template.Value);
    }

    /// <summary>The title of a 400 answer listing invalid fields.</summary>
    public string InvalidFieldsTitle => text["Api.InvalidFieldsTitle"].Value;

    /// <summary>
    /// The field's name in this language (the English names are FluentValidation's own display
    /// names, so English messages read as before); else FluentValidation's display name.
    /// </summary>
    private string FieldName(ValidationFailure failure)
    {
        var path = failure.PropertyName ?? "";
        var last = path[(path.LastIndexOf('.') + 1)..];
        var bracket = last.IndexOf('[', StringComparison.Ordinal);
        var property = bracket < 0 ? last : last[..bracket];
        if (text[$"Field.{property}"] is { ResourceNotFound: false } name)
        {
            return name.Value;
        }
        return failure.FormattedMessagePlaceholderValues?.TryGetValue("PropertyName", out var shown) == true && shown is not null
            ? shown.ToString() ?? property
            : property;
    }
}
