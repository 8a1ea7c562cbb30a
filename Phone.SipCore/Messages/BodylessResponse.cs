using System.Globalization;
using System.Text;

namespace Phone.SipCore.Messages;

/// <summary>
/// The bytes of a response without a body to a received request (RFC 3261 8.2.6): the same bytes
/// <c>SipMessageBuilder.ForResponseTo(request, ...).ToBytes()</c> gives, written in one pass from
/// the request's own lines into one array of the exact size.
/// </summary>
/// <remarks>
/// Every NOTIFY is answered this way (a 200 whose To already has its tag), 1,000 a second in a
/// storm: the builder made a list, a string and an array per copied header line, which were about
/// a tenth of the bytes allocated per NOTIFY (docs/performance.md, target 2). A response that adds
/// a To tag (the first answer of a dialog) is rare and still takes the builder.
/// </remarks>
internal static class BodylessResponse
{
    private static readonly byte[] ContentLengthZero = "Content-Length: 0\r\n\r\n"u8.ToArray();

    // The status line with its CRLF for each code's default reason phrase, made once per code.
    private static readonly byte[]?[] DefaultStatusLines = new byte[]?[600];

    public static byte[] ToBytes(SipRequest request, int statusCode, string? reasonPhrase, string? toTag)
    {
        if (toTag is not null && statusCode > 100 && request.ToTag is null)
        {
            return SipMessageBuilder.ForResponseTo(request, statusCode, reasonPhrase, toTag).ToBytes();
        }
        var statusLine = StatusLine(statusCode, reasonPhrase);
        var size = statusLine.Length + ContentLengthZero.Length;
        foreach (ref readonly var header in request.Headers)
        {
            if (SipMessageBuilder.IsCopiedToResponse(header.Id, statusCode))
            {
                size += header.LineLength;
            }
        }
        var output = new byte[size];
        statusLine.CopyTo(output, 0);
        var at = statusLine.Length;
        foreach (ref readonly var header in request.Headers)
        {
            if (SipMessageBuilder.IsCopiedToResponse(header.Id, statusCode))
            {
                var line = request.GetLineSpan(header);
                line.CopyTo(output.AsSpan(at));
                at += line.Length;
            }
        }
        ContentLengthZero.CopyTo(output, at);
        return output;
    }

    private static byte[] StatusLine(int statusCode, string? reasonPhrase)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(statusCode, 100);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(statusCode, 699);
        if (reasonPhrase is null)
        {
            return DefaultStatusLines[statusCode - 100] ??= Make(statusCode, SipReasonPhrases.Get(statusCode));
        }
        if (reasonPhrase.AsSpan().IndexOfAny('\r', '\n') >= 0)
        {
            // As the builder refuses it: a CR or LF would start a header line of the caller's making.
            throw new ArgumentException("A header value cannot contain CR or LF.", nameof(reasonPhrase));
        }
        return Make(statusCode, reasonPhrase);
    }

    private static byte[] Make(int statusCode, string reason) =>
        Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"SIP/2.0 {statusCode} {reason}\r\n"));
}
