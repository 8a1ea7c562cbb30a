using System.Globalization;
using Phone.SipCore.Dialogs;
using Phone.SipCore.Messages;
using Phone.SipCore.Stack;
using Phone.SipCore.Transactions;

namespace Phone.SipCore.Simulator;

/// <summary>
/// One answered feature-code call on the PBX side (RFC 3261 12.1.1, 13.3): the dialog its
/// INVITE made, the INVITE it answers, and the BYE we send once the "prompt" has played.
/// </summary>
internal sealed class SimulatedCodeCall(SipStack stack, ServerTransaction invite)
{
    private int _hungUp;

    public ServerTransaction Invite { get; } = invite;

    public SipDialog Dialog { get; } = SipDialog.CreateIncoming(invite.Request, invite.Remote);

    /// <summary>The dialog's place in the stack's table; disposed when the call ends.</summary>
    public DialogEntry? Entry { get; set; }

    public string CallId => Invite.Request.CallId;

    public string LocalTag => Dialog.LocalTag;

    public ITimer? HangUpTimer { get; set; }

    /// <summary>True the first time only: the call ends once, by our BYE or by the phone's.</summary>
    public bool TryEnd()
    {
        if (Interlocked.Exchange(ref _hungUp, 1) != 0)
        {
            return false;
        }
        HangUpTimer?.Dispose();
        return true;
    }

    /// <summary>RFC 3261 15.1.1: BYE in the dialog: to the caller's Contact, our own CSeq space.</summary>
    public SipRequest BuildBye() =>
        Dialog.CreateRequest(SipMethod.Bye, stack.NewVia(Invite.Remote.Transport, Invite.Remote.EndPoint, out _))
            .AddHeader(HeaderId.UserAgent, "FeatureSync PBX simulator")
            .BuildRequest();

    /// <summary>The answer: one PCMU stream on the discard port; no media flows (RFC 3264 6).</summary>
    public SipResponse BuildOk(string contact)
    {
        var session = string.Create(CultureInfo.InvariantCulture, $"{Random.Shared.Next(1, int.MaxValue)}");
        var address = Invite.Remote.EndPoint.Address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? "IP6 ::1" : "IP4 127.0.0.1";
        var sdp = $"v=0\r\no=pbx-simulator {session} 1 IN {address}\r\ns=feature code\r\nc=IN {address}\r\nt=0 0\r\n" +
                  "m=audio 9 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\na=sendrecv\r\n";
        return SipMessageBuilder.ForResponseTo(Invite.Request, 200, null, LocalTag)
            .AddHeader(HeaderId.Contact, contact)
            .AddHeader(HeaderId.Allow, "INVITE, ACK, CANCEL, BYE, OPTIONS")
            .SetBody(sdp, "application/sdp")
            .BuildResponse();
    }
}
