using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Phone.Web.Diagnosis;
using Phone.Web.Resources;

namespace Phone.Web.Api;

/// <summary>
/// <c>POST /api/lines/{n}/diagnose</c> (optional body <see cref="DiagnoseRequestBody"/>) and
/// <c>GET /api/lines/{n}/diagnose/report.zip</c> (the last diagnosis, with the sync log and trace).
/// Under <c>/api</c>: admin authentication and the API write guard apply as to every POST.
/// </summary>
internal static class DiagnosisEndpoints
{
    public static RouteGroupBuilder MapDiagnosisApi(this RouteGroupBuilder api)
    {
        api.MapPost("/lines/{n:int}/diagnose", DiagnoseAsync);
        api.MapGet("/lines/{n:int}/diagnose/report.zip", ReportAsync);
        return api;
    }

    private static async Task<IResult> DiagnoseAsync(int n, [FromBody(EmptyBodyBehavior = Microsoft.AspNetCore.Mvc.ModelBinding.EmptyBodyBehavior.Allow)] DiagnoseRequestBody? body,
        ILineDiagnostics diagnostics, DiagnosisRenderer renderer, IStringLocalizer<DiagnosisText> sentences,
        Phone.Web.Localization.ValidationMessages messages, CancellationToken ct)
    {
        body ??= new DiagnoseRequestBody();
        var check = new DiagnoseRequestBodyValidator(sentences).Validate(body);
        if (!check.IsValid)
        {
            return ValidationProblems.From(check.Errors, ValidationProblems.CamelCase, messages);
        }
        var run = await diagnostics.RunAsync(n, body.ToRequest(), ct);
        return run.Outcome switch
        {
            DiagnosisRunOutcome.NotFound => TypedResults.NotFound(),
            DiagnosisRunOutcome.Disabled => TypedResults.Problem(string.Format(System.Globalization.CultureInfo.CurrentCulture, sentences["Api.LineDisabled"], n),
                statusCode: StatusCodes.Status409Conflict, title: sentences["Api.LineDisabled"].Value.Split(';')[0]),
            _ => TypedResults.Ok(renderer.Render(run.Diagnosis!)),
        };
    }

    private static async Task<IResult> ReportAsync(int n, ILineDiagnostics diagnostics, DiagnosisReportZip zip,
        IStringLocalizer<DiagnosisText> sentences,
        Phone.Web.Localization.ValidationMessages messages, CancellationToken ct)
    {
        if (diagnostics.Last(n) is not { } last)
        {
            return TypedResults.Problem(string.Format(System.Globalization.CultureInfo.CurrentCulture, sentences["Api.NoDiagnosis"], n),
                statusCode: StatusCodes.Status404NotFound);
        }
        var bytes = await zip.BuildAsync(last, ct);
        return TypedResults.File(bytes, "application/zip", $"line-{n}-diagnosis-{last.StartedAt:yyyyMMdd-HHmmss}.zip");
    }
}
