namespace Phone.SipCore.Lines.Diagnosis;

/// <summary>What the administrator asked the diagnosis to try besides reading the line's live state.</summary>
/// <param name="RoundTrip">Briefly change DND (Set, wait for the confirming NOTIFY) and restore it.</param>
/// <param name="TestCode">Feature-code profiles: a code to dial once (e.g. <c>*78</c>), reporting its final status.</param>
public sealed record DiagnosisRequest(bool RoundTrip = false, string? TestCode = null);
