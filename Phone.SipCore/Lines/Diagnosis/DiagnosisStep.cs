namespace Phone.SipCore.Lines.Diagnosis;

/// <summary>
/// One check of a diagnosis, in codes (the web layer renders them in the reader's language).
/// </summary>
/// <param name="Name">What was checked: a <see cref="DiagnosisCodes"/> step name.</param>
/// <param name="Detail">What was found: a <see cref="DiagnosisCodes"/> detail code.</param>
/// <param name="Arguments">The values the detail's sentence names (status line, milliseconds, user...).</param>
/// <param name="Evidence">Call-IDs of the traced messages the step read, to find them in the ladder.</param>
public sealed record DiagnosisStep(string Name, bool Ok, string Detail, IReadOnlyList<string> Arguments, IReadOnlyList<string> Evidence);
