using Phone.SipCore.Lines.Diagnosis;

namespace Phone.Web.Diagnosis;

/// <summary>Runs a line's diagnosis and keeps the last one per line for the report download.</summary>
public interface ILineDiagnostics
{
    Task<DiagnosisRun> RunAsync(int line, DiagnosisRequest request, CancellationToken cancellationToken);

    /// <summary>The last diagnosis of <paramref name="line"/> since the phone started, or null.</summary>
    LineDiagnosis? Last(int line);
}

public enum DiagnosisRunOutcome
{
    Done,
    NotFound,
    Disabled,
}

public sealed record DiagnosisRun(DiagnosisRunOutcome Outcome, LineDiagnosis? Diagnosis);
