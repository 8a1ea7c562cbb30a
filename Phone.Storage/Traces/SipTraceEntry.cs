using Phone.SipCore.Transport;
using Phone.SipCore.Lines;
namespace Phone.Storage.Traces;

/// <summary>
/// One SIP message as sent or received, for the ladder view and the capture. <see cref="Line"/>
/// is null for messages no line claims (e.g. an OPTIONS probe). <see cref="Id"/> is 0 until stored.
/// <see cref="RemoteEndpoint"/> and <see cref="LocalEndpoint"/> are <c>TRANSPORT:address:port</c>
/// (<see cref="SipEndPoint.ToString"/>); <see cref="LocalEndpoint"/> is empty for rows stored
/// before schema 11, which did not keep it.
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

    public string LocalEndpoint { get; init; } = "";
}
