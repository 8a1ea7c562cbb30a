using System.Globalization;
using System.Text;
using Microsoft.Extensions.Localization;
using Phone.SipCore.Lines.Diagnosis;
using Phone.Web.Localization;
using Phone.Web.Resources;

namespace Phone.Web.Diagnosis;

/// <summary>
/// Turns a diagnosis' codes into sentences (Resources/DiagnosisText.resx) in the current UI culture:
/// the request's Accept-Language for the API, the circuit's culture on the pages. Arguments that
/// are details from the SIP core (a status or feature detail as an encoded phrase, e.g. "server
/// kept off (asked on)") are worded as the sync log words them; protocol details stay verbatim.
/// </summary>
public sealed class DiagnosisRenderer(IStringLocalizer<DiagnosisText> sentences, SyncLogRenderer words)
{
    public DiagnosisModel Render(LineDiagnosis diagnosis)
    {
        ArgumentNullException.ThrowIfNull(diagnosis);
        var steps = diagnosis.Steps.Select(s => new DiagnosisStepModel(
            sentences[$"Step.{s.Name}"], s.Name, s.Ok, Sentence($"Detail.{s.Detail}", s.Arguments), s.Detail,
            s.Evidence.Select(id => DiagnosisMessageLink.For(diagnosis.Line, id)).ToList())).ToList();
        return new DiagnosisModel(diagnosis.Line, diagnosis.Ok, Sentence($"Verdict.{diagnosis.Verdict}", diagnosis.VerdictArguments),
            diagnosis.Verdict, steps, diagnosis.StartedAt, (long)diagnosis.Took.TotalMilliseconds);
    }

    /// <summary>The report's text: the verdict, then each step with its finding and Call-IDs.</summary>
    public string ReportText(LineDiagnosis diagnosis)
    {
        var model = Render(diagnosis);
        var report = new StringBuilder();
        report.AppendLine(Sentence("Ui.Title", [Num(model.Line)]));
        report.AppendLine(Sentence("Report.Took", [Num(model.TookMs), model.StartedAt.ToString("u", CultureInfo.InvariantCulture)]));
        report.AppendLine();
        report.AppendLine($"{sentences["Report.Verdict"]}: [{(model.Ok ? sentences["Ui.Ok"] : sentences["Ui.Problem"])}] {model.Verdict}");
        report.AppendLine();
        report.AppendLine($"{sentences["Report.Steps"]}:");
        foreach (var step in model.Steps)
        {
            report.AppendLine($"- [{(step.Ok ? sentences["Ui.Ok"] : sentences["Ui.Problem"])}] {step.Name}: {step.Detail}");
            if (step.Messages.Count > 0)
            {
                report.AppendLine($"  {sentences["Report.Evidence"]}: {string.Join(", ", step.Messages.Select(m => m.CallId))}");
            }
        }
        return report.ToString();
    }

    private string Sentence(string key, IReadOnlyList<string> arguments) =>
        string.Format(CultureInfo.CurrentCulture, sentences[key], arguments.Select(a => (object)(words.Detail(a) ?? "")).ToArray());

    private static string Num(long value) => value.ToString(CultureInfo.InvariantCulture);
}
