using Phone.SipCore.FeatureSync.Documents;

namespace Phone.SipCore.FeatureSync.Csta;

/// <summary>
/// A uaCSTA request the server sends in an INFO (ECMA-323 over SIP, docs/protocol.md
/// section 4). Set requests reuse the as-feature-event documents.
/// </summary>
public abstract record CstaRequest
{
    public string Device { get; init; } = "";

    /// <summary><c>MonitorStart</c>: the server asks to watch the device.</summary>
    public sealed record MonitorStart : CstaRequest;

    /// <summary><c>GetDoNotDisturb</c>: the server asks for the DND state.</summary>
    public sealed record GetDoNotDisturb : CstaRequest;

    /// <summary><c>GetForwarding</c>: the server asks for every forward.</summary>
    public sealed record GetForwarding : CstaRequest;

    /// <summary><c>SetDoNotDisturb</c> from the server.</summary>
    public sealed record SetDnd(SetDoNotDisturb Document) : CstaRequest;

    /// <summary><c>SetForwarding</c> from the server.</summary>
    public sealed record SetForward(SetForwarding Document) : CstaRequest;

    /// <summary>A well-formed request we do not support; answered with a CSTA error.</summary>
    public sealed record Unsupported(string RootName) : CstaRequest;

    /// <summary>A body that could not be read; answered with a CSTA error.</summary>
    public sealed record Malformed(string Reason) : CstaRequest;
}
