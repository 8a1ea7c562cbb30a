using System.Globalization;
using System.Text.Json;
using FluentValidation.Results;

namespace Phone.SipCore.SyncLog;

/// <summary>
/// Validation failures as one <see cref="SyncLogArgKind.Validation"/> argument: each failure's error
/// code (<c>ValidationCodes</c>), property, placeholders and English message, so Phone.Web words them
/// in the viewer's language the way its forms and API do (<c>ValidationMessages</c>) instead of
/// carrying the validator's English sentences.
/// </summary>
public static class ValidationArg
{
    public static SyncLogArg Of(IEnumerable<ValidationFailure> failures)
    {
        ArgumentNullException.ThrowIfNull(failures);
        var encoded = failures.Select(f => new EncodedFailure(f.PropertyName ?? "", f.ErrorMessage ?? "", f.ErrorCode,
            f.FormattedMessagePlaceholderValues?.Where(p => p.Value is not null)
                .ToDictionary(p => p.Key, p => Convert.ToString(p.Value, CultureInfo.InvariantCulture) ?? ""))).ToArray();
        return new(SyncLogArgKind.Validation, JsonSerializer.Serialize(encoded, StatusPhraseJson.Default.EncodedArray));
    }

    /// <summary>The failures of an <see cref="Of"/> argument; a value that does not read is one failure with it as the message.</summary>
    public static IReadOnlyList<ValidationFailure> Read(string value)
    {
        try
        {
            var encoded = JsonSerializer.Deserialize(value, StatusPhraseJson.Default.EncodedArray);
            if (encoded is not null)
            {
                return [.. encoded.Select(e => new ValidationFailure(e.Property ?? "", e.Message ?? "")
                {
                    ErrorCode = e.Code,
                    FormattedMessagePlaceholderValues = e.Placeholders?.ToDictionary(p => p.Key, p => (object)p.Value) ?? [],
                })];
            }
        }
        catch (JsonException)
        {
        }
        return [new ValidationFailure("", value)];
    }

    internal sealed record EncodedFailure(string? Property, string? Message, string? Code, Dictionary<string, string>? Placeholders);
}
