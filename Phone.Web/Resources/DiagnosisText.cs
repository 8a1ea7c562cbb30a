namespace Phone.Web.Resources;

/// <summary>
/// Marker for <c>DiagnosisText.resx</c>: the sentences of a line diagnosis (<c>Step.*</c>, <c>Detail.*</c>,
/// <c>Verdict.*</c> for each code of <c>Phone.SipCore.Lines.Diagnosis.DiagnosisCodes</c>) and its UI labels.
/// </summary>
public sealed class DiagnosisText;
