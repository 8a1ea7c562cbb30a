using System.Text;
using Phone.SipCore.Messages;
using Phone.SipCore.Transport;
using Phone.Storage.Traces;

namespace Phone.Storage.Events;

/// <summary>
/// A trace row waiting for the storage writer. A message from the wire that holds no credentials
/// and is valid UTF-8 (nearly all of them) is kept as its bytes, and the writer binds those bytes
/// as the row's text: no UTF-16 string of it is ever made, on the receive path or the writer's.
/// Anything else keeps its decoded, redacted <see cref="Text"/>, as the repository stores it.
/// Either way the stored row is the same as <see cref="SipTraceRepository.AppendAsync"/> would
/// store for <c>CredentialRedactor.Redact(UTF8.GetString(message))</c>.
/// </summary>
internal sealed record TraceRow(
    DateTimeOffset Time,
    int? Line,
    SipTraceDirection Direction,
    string RemoteEndpoint,
    string LocalEndpoint)
{
    /// <summary>The message as sent or received; empty when <see cref="Text"/> holds it.</summary>
    public ReadOnlyMemory<byte> Utf8 { get; private init; }

    /// <summary>The decoded and redacted message; null when <see cref="Utf8"/> holds it.</summary>
    public string? Text { get; private init; }

    /// <summary>The start line of <see cref="Text"/>; null when <see cref="Utf8"/> holds the message.</summary>
    public string? FirstLine { get; private init; }

    public static TraceRow FromWire(DateTimeOffset time, int? line, SipTraceDirection direction, SipEndPoint remote, SipEndPoint local,
        ReadOnlyMemory<byte> message)
    {
        var (remoteText, localText) = (remote.ToString(), local.ToString());
        var bytes = message.Span;
        if (!CredentialRedactor.MayHoldCredentials(bytes) && System.Text.Unicode.Utf8.IsValid(bytes))
        {
            // A received message is kept as it is: the stack gives each its own array and never
            // writes it again (ISipTraceObserver). A sent one is copied: the sender's buffer is only
            // lent for the call. At 1,000 NOTIFY/s the copy of each received one was 0.7 MB a second.
            var kept = direction == SipTraceDirection.In ? message : message.ToArray();
            return new TraceRow(time, line, direction, remoteText, localText) { Utf8 = kept };
        }
        // Redacted before it is queued, so no digest response or nonce is ever stored in clear;
        // invalid UTF-8 is decoded with replacement characters, as before.
        var text = CredentialRedactor.Redact(Encoding.UTF8.GetString(bytes));
        return new TraceRow(time, line, direction, remoteText, localText) { Text = text, FirstLine = StartLine(text.AsSpan()).ToString() };
    }

    /// <summary>A row built elsewhere (tests, benchmarks): stored as given.</summary>
    public static TraceRow From(SipTraceEntry entry) =>
        new TraceRow(entry.Time, entry.Line, entry.Direction, entry.RemoteEndpoint, entry.LocalEndpoint)
        {
            Text = entry.Text,
            FirstLine = entry.FirstLine,
        };

    /// <summary>Up to the first LF, without the CRs before it: the trace's first-line column.</summary>
    public static ReadOnlySpan<char> StartLine(ReadOnlySpan<char> text)
    {
        var end = text.IndexOf('\n');
        return (end < 0 ? text : text[..end]).TrimEnd('\r');
    }

    /// <inheritdoc cref="StartLine(ReadOnlySpan{char})"/>
    public static ReadOnlySpan<byte> StartLine(ReadOnlySpan<byte> utf8)
    {
        var end = utf8.IndexOf((byte)'\n');
        return (end < 0 ? utf8 : utf8[..end]).TrimEnd((byte)'\r');
    }
}
