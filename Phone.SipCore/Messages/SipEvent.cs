namespace Phone.SipCore.Messages;

/// <summary>Event header (RFC 6665 8.2.1): package name and the id parameter that tells
/// subscriptions of one package apart within a dialog.</summary>
public sealed record SipEvent(string Package, SipParameters Parameters)
{
    public string? Id => Parameters.Get("id");

    /// <summary>RFC 6665 8.2.1: package names compare case-insensitively... but ids exactly.</summary>
    public bool Matches(SipEvent other) =>
        string.Equals(Package, other.Package, StringComparison.OrdinalIgnoreCase)
        && string.Equals(Id, other.Id, StringComparison.Ordinal);
}
