using System.Text;

namespace Phone.SipCore.FeatureSync.Documents;

/// <summary>Names and limits shared by the reader and the writer of feature documents.</summary>
public static class FeatureXml
{
    /// <summary>The namespace we send (docs/protocol.md section 1: hyphenated form).</summary>
    public const string Namespace = "http://www.ecma-international.org/standards/ecma-323/csta/ed3";

    /// <summary>The vendor PDF's spelling without the hyphen, used by OpenSIPS; accepted on input.</summary>
    public const string NamespaceWithoutHyphen = "http://www.ecmainternational.org/standards/ecma-323/csta/ed3";

    /// <summary><c>Content-Type</c> of one document in the <c>as-feature-event</c> package.</summary>
    public const string ContentType = "application/x-as-feature-event+xml";

    /// <summary>The event package name (RFC 6665 <c>Event</c> header).</summary>
    public const string EventPackage = "as-feature-event";

    /// <summary>
    /// A feature document is a few hundred bytes; anything over this is refused before parsing,
    /// so a 10 MB body costs nothing.
    /// </summary>
    public const int MaxDocumentBytes = 16 * 1024;

    /// <summary>Deepest element nesting accepted; the real documents are two levels deep.</summary>
    public const int MaxDepth = 8;

    /// <summary>Ring counts accepted on input (docs/protocol.md section 1: accept 0-20 at least).</summary>
    public const int MaxRingCount = 20;

    public static string ToWire(ForwardingType type) => type switch
    {
        ForwardingType.Immediate => "forwardImmediate",
        ForwardingType.Busy => "forwardBusy",
        ForwardingType.NoAnswer => "forwardNoAns",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    /// <summary>Reads the wire name of a forwarding type; case and a few seen variants tolerated.</summary>
    public static bool TryParseForwardingType(string? text, out ForwardingType type)
    {
        if (text is null)
        {
            type = default;
            return false;
        }
        // Every NOTIFY of a forward comes here: ASCII (all real input) is compared in place. Other
        // text is lower-cased first as it always was, since a non-ASCII letter may lower-case to an
        // ASCII one.
        var trimmed = text.AsSpan().Trim();
        return TryParseAsciiForwardingType(Ascii.IsValid(trimmed) ? trimmed : text.Trim().ToLowerInvariant(), out type);
    }

    private static bool TryParseAsciiForwardingType(ReadOnlySpan<char> text, out ForwardingType type)
    {
        if (Ascii.EqualsIgnoreCase(text, "forwardImmediate") || Ascii.EqualsIgnoreCase(text, "forwardAlways"))
        {
            type = ForwardingType.Immediate;
            return true;
        }
        if (Ascii.EqualsIgnoreCase(text, "forwardBusy"))
        {
            type = ForwardingType.Busy;
            return true;
        }
        if (Ascii.EqualsIgnoreCase(text, "forwardNoAns") || Ascii.EqualsIgnoreCase(text, "forwardNoAnswer"))
        {
            type = ForwardingType.NoAnswer;
            return true;
        }
        type = default;
        return false;
    }
}
