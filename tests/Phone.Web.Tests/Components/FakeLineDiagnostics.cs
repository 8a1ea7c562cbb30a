using Phone.SipCore.Lines.Diagnosis;
using Phone.Web.Diagnosis;

namespace Phone.Web.Tests.Components;

/// <summary>Hands out the diagnosis a test sets and records what was asked, in place of a running line's.</summary>
public sealed class FakeLineDiagnostics : ILineDiagnostics
{
    public LineDiagnosis? Next { get; set; }

    public List<(int Line, DiagnosisRequest Request)> Asked { get; } = [];

    public Task<DiagnosisRun> RunAsync(int line, DiagnosisRequest request, CancellationToken cancellationToken)
    {
        Asked.Add((line, request));
        return Task.FromResult(Next is null
            ? new DiagnosisRun(DiagnosisRunOutcome.Disabled, null)
            : new DiagnosisRun(DiagnosisRunOutcome.Done, Next with { Line = line }));
    }

    public LineDiagnosis? Last(int line) => Next;
}
