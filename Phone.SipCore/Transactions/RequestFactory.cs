using System.Globalization;
using Phone.SipCore.Messages;

namespace Phone.SipCore.Transactions;

/// <summary>The requests a transaction or its user derives from an INVITE: ACK and CANCEL.</summary>
public static class RequestFactory
{
    /// <summary>
    /// ACK for a non-2xx final response (RFC 3261 17.1.1.3): same Request-URI, Call-ID, From,
    /// CSeq number and top Via (so the same branch) as the INVITE, To from the response.
    /// </summary>
    public static SipRequest AckForNon2xx(SipRequest invite, SipResponse response) =>
        Derived(SipMethod.Ack, invite, invite.GetHeaderValues(HeaderId.Via)[0], response.GetHeaderValue(HeaderId.To)!);

    /// <summary>
    /// CANCEL for a pending INVITE (RFC 3261 9.1): same Request-URI, Call-ID, To, From, CSeq
    /// number and top Via as the INVITE; it is a transaction of its own.
    /// </summary>
    public static SipRequest Cancel(SipRequest invite) =>
        Derived(SipMethod.Cancel, invite, invite.GetHeaderValues(HeaderId.Via)[0], invite.GetHeaderValue(HeaderId.To)!);

    private static SipRequest Derived(SipMethod method, SipRequest invite, string via, string to)
    {
        var builder = SipMessageBuilder.ForRequest(method, invite.RequestUriText)
            .AddHeader(HeaderId.Via, via)
            .AddHeader(HeaderId.MaxForwards, "70")
            .AddHeader(HeaderId.From, invite.GetHeaderValue(HeaderId.From)!)
            .AddHeader(HeaderId.To, to)
            .AddHeader(HeaderId.CallId, invite.CallId)
            .AddHeader(HeaderId.CSeq, string.Create(CultureInfo.InvariantCulture, $"{invite.CSeq.Number} {method.Name}"));
        foreach (var route in invite.GetHeaderValues(HeaderId.Route))
        {
            builder.AddHeader(HeaderId.Route, route);
        }
        return builder.BuildRequest();
    }
}
