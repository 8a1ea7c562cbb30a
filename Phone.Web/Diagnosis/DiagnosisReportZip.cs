using System.IO.Compression;
using System.Text;
using Phone.SipCore.Lines.Diagnosis;
using Phone.Storage.Logs;
using Phone.Storage.Traces;
using Phone.Web.Capture;
using Phone.Web.Localization;

namespace Phone.Web.Diagnosis;

/// <summary>
/// "Download the report": one zip with the verdict and steps (report.txt), the line's sync log
/// in the reader's language (sync-log.txt), its stored SIP trace as text (trace.txt) and as a
/// capture Wireshark opens (capture.pcap), oldest first.
/// </summary>
public sealed class DiagnosisReportZip(DiagnosisRenderer renderer, SyncLogRenderer logWords, SyncLogRepository log, SipTraceRepository trace)
{
    /// <summary>How much of the log and trace the report carries (the stores keep more).</summary>
    public const int MaxEntries = 2000;

    public async Task<byte[]> BuildAsync(LineDiagnosis diagnosis, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(diagnosis);
        var entries = await log.GetRecentAsync(diagnosis.Line, MaxEntries, cancellationToken).ConfigureAwait(false);
        var messages = await trace.GetRecentAsync(diagnosis.Line, MaxEntries, cancellationToken).ConfigureAwait(false);
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            Add(zip, "report.txt", renderer.ReportText(diagnosis));
            Add(zip, "sync-log.txt", SyncLogText(entries));
            Add(zip, "trace.txt", TraceText(messages));
            using var capture = zip.CreateEntry("capture.pcap", CompressionLevel.Optimal).Open();
            TraceCapture.Write(messages.Reverse(), capture);
        }
        return buffer.ToArray();
    }

    private static void Add(ZipArchive zip, string name, string content)
    {
        using var stream = zip.CreateEntry(name, CompressionLevel.Optimal).Open();
        var bytes = new UTF8Encoding(false).GetBytes(content);
        stream.Write(bytes);
    }

    private string SyncLogText(IEnumerable<SyncLogEntry> entries) =>
        string.Concat(entries.OrderBy(e => e.Time).ThenBy(e => e.Id)
            .Select(e => $"{e.Time:O} {e.Kind} {e.Origin} {e.Outcome}: {logWords.Render(e)}\n"));

    private static string TraceText(IEnumerable<SipTraceEntry> messages) =>
        string.Concat(messages.OrderBy(m => m.Time).ThenBy(m => m.Id)
            .Select(m => $"---- {m.Time:O} {(m.Direction == Phone.SipCore.Transport.SipTraceDirection.In ? "from" : "to")} {m.RemoteEndpoint}\n{m.Text.TrimEnd()}\n\n"));
}
