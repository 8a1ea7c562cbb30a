namespace Phone.Web.Diagnosis;

/// <summary>
/// A line diagnosis as the API returns it and the pages show it, in one language:
/// <c>{"ok", "verdict", "steps": [{"name", "ok", "detail", "messages"}]}</c> plus the codes behind the texts.
/// </summary>
public sealed record DiagnosisModel(
    int Line,
    bool Ok,
    string Verdict,
    string VerdictCode,
    IReadOnlyList<DiagnosisStepModel> Steps,
    DateTimeOffset StartedAt,
    long TookMs);

/// <summary>One step: its name and finding in words, and links to the messages it read in the ladder.</summary>
public sealed record DiagnosisStepModel(string Name, string Code, bool Ok, string Detail, string DetailCode, IReadOnlyList<DiagnosisMessageLink> Messages);

/// <summary>
/// A Call-ID the step used as evidence and the Troubleshooting page's plain URL that filters the
/// ladder to it (<c>/troubleshooting?line=1&amp;callId=...</c>).
/// </summary>
public sealed record DiagnosisMessageLink(string CallId, string Href)
{
    public static DiagnosisMessageLink For(int line, string callId) =>
        new(callId, $"/troubleshooting?line={line}&callId={Uri.EscapeDataString(callId)}");
}
