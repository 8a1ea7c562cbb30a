using System.Collections.Concurrent;
using Phone.SipCore.Lines.Diagnosis;
using Phone.Storage.Lines;
using Phone.Web.Sip;

namespace Phone.Web.Diagnosis;

/// <summary>
/// The application side of "Diagnose": checks the line exists and is enabled, runs the SIP core's
/// diagnosis on the line's agent, and remembers the result for <c>report.zip</c>. Not stored: a
/// diagnosis describes the server as it was a moment ago.
/// </summary>
public sealed class LineDiagnostics(LineSupervisor supervisor, LineRepository lines) : ILineDiagnostics
{
    private readonly ConcurrentDictionary<int, LineDiagnosis> _last = new();

    public async Task<DiagnosisRun> RunAsync(int line, DiagnosisRequest request, CancellationToken cancellationToken)
    {
        var view = await lines.GetAsync(line, cancellationToken).ConfigureAwait(false);
        if (view is null)
        {
            return new DiagnosisRun(DiagnosisRunOutcome.NotFound, null);
        }
        if (!view.Enabled)
        {
            return new DiagnosisRun(DiagnosisRunOutcome.Disabled, null);
        }
        var diagnosis = await supervisor.DiagnoseAsync(line, request, cancellationToken).ConfigureAwait(false);
        if (diagnosis is null)
        {
            return new DiagnosisRun(DiagnosisRunOutcome.NotFound, null);
        }
        _last[line] = diagnosis;
        return new DiagnosisRun(DiagnosisRunOutcome.Done, diagnosis);
    }

    public LineDiagnosis? Last(int line) => _last.GetValueOrDefault(line);
}
