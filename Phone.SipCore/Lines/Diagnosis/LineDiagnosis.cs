namespace Phone.SipCore.Lines.Diagnosis;

/// <summary>
/// The outcome of diagnosing one line: a verdict with its evidence. Codes only; the web layer
/// turns them into sentences (Phone.Web/Resources/DiagnosisText.resx).
/// </summary>
/// <param name="Verdict">A <see cref="DiagnosisCodes"/> verdict code.</param>
/// <param name="VerdictArguments">The values the verdict's sentence names.</param>
public sealed record LineDiagnosis(int Line, bool Ok, string Verdict, IReadOnlyList<string> VerdictArguments,
    IReadOnlyList<DiagnosisStep> Steps, DateTimeOffset StartedAt, TimeSpan Took);
