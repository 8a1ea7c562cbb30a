using FluentValidation.Results;

namespace Phone.Web.Api;

/// <summary>Turns validation failures into a 400 problem-details body with each field's errors.</summary>
internal static class ValidationProblems
{
    public static IResult From(IEnumerable<ValidationFailure> failures, Func<string, string> fieldName) =>
        TypedResults.ValidationProblem(
            failures.GroupBy(f => fieldName(f.PropertyName))
                .ToDictionary(g => g.Key, g => g.Select(f => f.ErrorMessage).Distinct().ToArray()),
            title: "The request has invalid fields; nothing was changed.");

    public static string CamelCase(string property) => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(property);
}
