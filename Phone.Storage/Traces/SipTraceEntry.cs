using Phone.SipCore.Transport;
using Phone.SipCore.Lines;
namespace Phone.Storage.Traces;

/// <summary>
/// One SIP message as sent or received, for the ladder view. <see cref="Line"/> is null
/// for messages no line claims (e.g. an OPTIONS probe). <see cref="Id"/> is 0 until stored.
/// </summary>
public sealed record SipTraceEntry(
    DateTimeOffset Time,
    int? Line,
    SipTraceDirection Direction,
    string RemoteEndpoint,
    string FirstLine,
    string Text)
{
    public long Id { get; init; }
}
