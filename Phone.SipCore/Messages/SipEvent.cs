namespace Phone.SipCore.Messages;

/// <summary>Event header (RFC 6665 8.2.1): package name and the id parameter that tells
/// subscriptions of one package apart within a dialog.</summary>
public sealed record SipEvent(string Package, SipParameters Parameters)
{
    public string? Id => Parameters.Get("id");

    /// <summary>
    /// Whether two Event values name the same subscription (RFC 6665 8.2.1, RFC 3265 7.2.1):
    /// package and id compare byte by byte, an id never matches a missing id, and other
    /// parameters are ignored ("Event: Foo" does not match "Event: foo").
    /// </summary>
    public bool Matches(SipEvent other) =>
        string.Equals(Package, other.Package, StringComparison.Ordinal)
        && string.Equals(Id, other.Id, StringComparison.Ordinal);
}
