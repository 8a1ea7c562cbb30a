using Microsoft.Extensions.Localization;
using Phone.Web.Resources;

namespace Phone.Web.Api;

/// <summary>
/// The problem-details answers to a body we would not read, in the request's language:
/// too large (413), not JSON (415), or JSON we cannot bind (400, by field).
/// </summary>
internal static class BodyProblems
{
    /// <summary>The key of a problem about the body as a whole rather than one field.</summary>
    public const string WholeBody = "$";

    public static IResult TooLarge(IStringLocalizer<ApiText> text, string detail)
    {
        ArgumentNullException.ThrowIfNull(text);
        return TypedResults.Problem(detail, statusCode: StatusCodes.Status413PayloadTooLarge, title: text["Api.TooLargeTitle"]);
    }

    public static IResult NotJson(IStringLocalizer<ApiText> text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return TypedResults.Problem(text["Api.NotJsonContent"], statusCode: StatusCodes.Status415UnsupportedMediaType,
            title: text["Api.UnreadableTitle"]);
    }

    public static IResult Unreadable(IStringLocalizer<ApiText> text, string field, string message)
    {
        ArgumentNullException.ThrowIfNull(text);
        return TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] },
            title: text["Api.UnreadableTitle"]);
    }
}
