using System.Globalization;
using System.Text;
using Phone.SipCore.Parsing;

namespace Phone.SipCore.Messages;

/// <summary>
/// Builds a new message, or a changed copy of a parsed one. Lines taken from a parsed
/// message stay byte-for-byte as received unless changed; Content-Length is always
/// written from the actual body (RFC 3261 18.3, 20.14), whatever the caller set.
/// </summary>
public sealed class SipMessageBuilder
{
    private readonly record struct Line(HeaderId Id, string Name, byte[] Bytes);

    private static readonly byte[] Crlf = "\r\n"u8.ToArray();

    // A request the phone builds has 10-14 header lines: room for 16 at once, not 4, 8, then 16.
    private readonly List<Line> _lines = new(16);
    private readonly byte[] _startLine;
    private ReadOnlyMemory<byte> _body = ReadOnlyMemory<byte>.Empty;

    private SipMessageBuilder(byte[] startLine) => _startLine = startLine;

    public static SipMessageBuilder ForRequest(SipMethod method, string requestUri)
    {
        if (string.IsNullOrWhiteSpace(requestUri) || requestUri.Any(char.IsWhiteSpace))
        {
            throw new ArgumentException("A Request-URI cannot be empty or contain whitespace.", nameof(requestUri));
        }
        return new SipMessageBuilder(Encoding.UTF8.GetBytes($"{method.Name} {requestUri} SIP/2.0"));
    }

    public static SipMessageBuilder ForResponse(int statusCode, string? reasonPhrase = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(statusCode, 100);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(statusCode, 699);
        var reason = reasonPhrase ?? SipReasonPhrases.Get(statusCode);
        CheckValue(reason);
        return new SipMessageBuilder(Encoding.UTF8.GetBytes(
            string.Create(CultureInfo.InvariantCulture, $"SIP/2.0 {statusCode} {reason}")));
    }

    /// <summary>Starts from a parsed message: start line, header lines and body as received.</summary>
    public static SipMessageBuilder From(SipMessage message)
    {
        var builder = new SipMessageBuilder(message.StartLine.ToArray());
        foreach (var header in message.Headers)
        {
            builder.AddRaw(message, header);
        }
        builder._body = message.Body.ToArray();
        return builder;
    }

    /// <summary>
    /// A response to <paramref name="request"/> per RFC 3261 8.2.6.2: every Via in order, From,
    /// Call-ID and CSeq copied as received; To copied, with <paramref name="toTag"/> added when
    /// the request had no tag and the status is above 100. A 100 also echoes Timestamp (8.2.6.1).
    /// </summary>
    public static SipMessageBuilder ForResponseTo(SipRequest request, int statusCode, string? reasonPhrase = null, string? toTag = null)
    {
        var builder = ForResponse(statusCode, reasonPhrase);
        foreach (var header in request.Headers)
        {
            if (header.Id == HeaderId.To && toTag is not null && statusCode > 100 && request.ToTag is null)
            {
                CheckValue(toTag);
                builder.AddHeader(HeaderId.To, request.GetValue(header) + ";tag=" + toTag);
            }
            else if (IsCopiedToResponse(header.Id, statusCode))
            {
                builder.AddRaw(request, header);
            }
        }
        return builder;
    }

    /// <summary>
    /// RFC 3261 8.2.6.2: a response copies every Via (in order), From, To, Call-ID and CSeq; a 100
    /// also echoes Timestamp (8.2.6.1). Shared with <see cref="BodylessResponse"/>.
    /// </summary>
    internal static bool IsCopiedToResponse(HeaderId id, int statusCode) =>
        id is HeaderId.Via or HeaderId.From or HeaderId.To or HeaderId.CallId or HeaderId.CSeq
        || (id == HeaderId.Timestamp && statusCode == 100);

    public SipMessageBuilder AddHeader(HeaderId id, string value) => AddHeader(SipHeaderNames.GetLongName(id), value);

    public SipMessageBuilder AddHeader(string name, string value)
    {
        _lines.Add(MakeLine(name, value));
        return this;
    }

    public SipMessageBuilder SetHeader(HeaderId id, string value) => SetHeader(SipHeaderNames.GetLongName(id), value);

    /// <summary>Replaces every header of that name (long or compact form) with one line, at the first one's place.</summary>
    public SipMessageBuilder SetHeader(string name, string value)
    {
        var line = MakeLine(name, value);
        var index = _lines.FindIndex(l => Matches(l, line.Id, name));
        RemoveHeader(name);
        _lines.Insert(index < 0 ? _lines.Count : Math.Min(index, _lines.Count), line);
        return this;
    }

    public SipMessageBuilder RemoveHeader(HeaderId id) => RemoveHeader(SipHeaderNames.GetLongName(id));

    public SipMessageBuilder RemoveHeader(string name)
    {
        var id = SipHeaderNames.Lookup(name);
        _lines.RemoveAll(l => Matches(l, id, name));
        return this;
    }

    /// <summary>Sets the body; with a content type, also sets Content-Type.</summary>
    public SipMessageBuilder SetBody(ReadOnlyMemory<byte> body, string? contentType = null)
    {
        _body = body;
        if (contentType is not null)
        {
            SetHeader(HeaderId.ContentType, contentType);
        }
        return this;
    }

    public SipMessageBuilder SetBody(string body, string contentType) => SetBody(Encoding.UTF8.GetBytes(body), contentType);

    /// <summary>The wire form. Exactly one Content-Length, equal to the body length.</summary>
    /// <remarks>Measured first, then written into one array of the exact size: no stream, no second copy.</remarks>
    public byte[] ToBytes()
    {
        var contentLength = ChooseContentLength();
        var size = _startLine.Length + Crlf.Length + contentLength.Length + Crlf.Length + _body.Length;
        foreach (var line in _lines)
        {
            size += line.Id == HeaderId.ContentLength ? 0 : line.Bytes.Length;
        }
        var output = new byte[size];
        var at = Append(output, 0, _startLine);
        at = Append(output, at, Crlf);
        var contentLengthWritten = false;
        foreach (var line in _lines)
        {
            if (line.Id != HeaderId.ContentLength)
            {
                at = Append(output, at, line.Bytes);
            }
            else if (!contentLengthWritten)
            {
                at = Append(output, at, contentLength);
                contentLengthWritten = true;
            }
        }
        if (!contentLengthWritten)
        {
            at = Append(output, at, contentLength);
        }
        at = Append(output, at, Crlf);
        Append(output, at, _body.Span);
        return output;
    }

    /// <summary>The Content-Length line to write: the first received one when it is already right (so an unchanged message round-trips), else a new one.</summary>
    private byte[] ChooseContentLength()
    {
        foreach (var line in _lines)
        {
            if (line.Id == HeaderId.ContentLength)
            {
                var value = line.Bytes.AsSpan(line.Bytes.AsSpan().IndexOf((byte)':') + 1);
                return SipLexer.TryParseUInt(SipLexer.Trim(value), int.MaxValue, out var n) && n == _body.Length ? line.Bytes : ContentLengthLine();
            }
        }
        return ContentLengthLine();
    }

    private static int Append(byte[] output, int at, ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(output.AsSpan(at));
        return at + bytes.Length;
    }

    /// <summary>Serializes and parses the result; a builder that makes an invalid message is a bug, so this throws.</summary>
    public SipMessage Build()
    {
        var result = SipParser.TryParse(ToBytes());
        return result.Success ? result.Message : throw new InvalidOperationException($"The built message is invalid: {result}.");
    }

    public SipRequest BuildRequest() =>
        Build() as SipRequest ?? throw new InvalidOperationException("The builder holds a response, not a request.");

    public SipResponse BuildResponse() =>
        Build() as SipResponse ?? throw new InvalidOperationException("The builder holds a request, not a response.");

    private byte[] ContentLengthLine() =>
        Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"Content-Length: {_body.Length}\r\n"));

    private void AddRaw(SipMessage message, HeaderField header) =>
        _lines.Add(new Line(header.Id, message.GetName(header), message.GetLineSpan(header).ToArray()));

    private static bool Matches(Line line, HeaderId id, string name) =>
        id != HeaderId.Unknown ? line.Id == id : string.Equals(line.Name, name, StringComparison.OrdinalIgnoreCase);

    // "name: value\r\n" encoded straight into the line's own array: every request the phone sends is
    // built here, and the string it was formatted into first, then encoded, doubled the garbage of
    // a 1,000-line start (docs/performance.md, "allocations").
    private static Line MakeLine(string name, string value)
    {
        if (!IsTokenName(name))
        {
            throw new ArgumentException($"'{name}' is not a valid header name.", nameof(name));
        }
        CheckValue(value);
        var bytes = new byte[name.Length + 2 + Encoding.UTF8.GetByteCount(value) + 2];
        var at = Encoding.ASCII.GetBytes(name, bytes); // a token is ASCII: one byte per char
        bytes[at++] = (byte)':';
        bytes[at++] = (byte)' ';
        at += Encoding.UTF8.GetBytes(value, bytes.AsSpan(at));
        bytes[at++] = (byte)'\r';
        bytes[at] = (byte)'\n';
        return new Line(SipHeaderNames.Lookup(name), name, bytes);
    }

    // RFC 3261 25.1 token, checked on the chars (token characters are all ASCII).
    private static bool IsTokenName(string name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return false;
        }
        foreach (var c in name)
        {
            if (c > 0x7F || !CharClasses.Is((byte)c, CharClass.Token))
            {
                return false;
            }
        }
        return true;
    }

    // A CR or LF in a value would start a new header line: header injection.
    private static void CheckValue(string value)
    {
        if (value.AsSpan().IndexOfAny('\r', '\n') >= 0)
        {
            throw new ArgumentException("A header value cannot contain CR or LF.", nameof(value));
        }
    }
}
