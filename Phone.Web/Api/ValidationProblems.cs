using FluentValidation.Results;
using Phone.Web.Localization;

namespace Phone.Web.Api;

/// <summary>
/// Turns validation failures into a 400 problem-details body with each field's errors, worded in
/// the request's language (Accept-Language) by <see cref="ValidationMessages"/>.
/// </summary>
internal static class ValidationProblems
{
    public static IResult From(IEnumerable<ValidationFailure> failures, Func<string, string> fieldName, ValidationMessages messages)
    {
        ArgumentNullException.ThrowIfNull(messages);
        return TypedResults.ValidationProblem(
            failures.GroupBy(f => fieldName(f.PropertyName))
                .ToDictionary(g => g.Key, g => g.Select(messages.Of).Distinct().ToArray()),
            title: messages.InvalidFieldsTitle);
    }

    public static string CamelCase(string property) => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(property);
}
