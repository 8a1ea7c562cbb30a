using System.Text.RegularExpressions;
using FluentValidation;
using Microsoft.Extensions.Localization;
using Phone.SipCore.Lines.Diagnosis;
using Phone.Web.Resources;

namespace Phone.Web.Diagnosis;

/// <summary>
/// The optional body of <c>POST /api/lines/{n}/diagnose</c>: <c>{"roundTrip": true, "testCode": "*78"}</c>.
/// <c>roundTrip</c> briefly changes DND and restores it; <c>testCode</c> (feature-code profiles) is dialled once.
/// </summary>
public sealed record DiagnoseRequestBody(bool? RoundTrip = null, string? TestCode = null)
{
    public DiagnosisRequest ToRequest() => new(RoundTrip ?? false, TestCode is { Length: > 0 } code ? code : null);
}

/// <summary>A test code is what a keypad dials: digits, * and #.</summary>
public sealed partial class DiagnoseRequestBodyValidator : AbstractValidator<DiagnoseRequestBody>
{
    public DiagnoseRequestBodyValidator(IStringLocalizer<DiagnosisText> sentences)
    {
        RuleFor(b => b.TestCode)
            .Must(code => string.IsNullOrEmpty(code) || KeypadCode().IsMatch(code))
            .WithMessage(_ => sentences["Api.TestCodeInvalid"]);
    }

    [GeneratedRegex("^[0-9*#]{1,32}$")]
    private static partial Regex KeypadCode();
}
