using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Phone.SipCore.Transactions;
using Phone.SipCore.Transport;

namespace Phone.SipCore.Tests.Transactions;

public sealed class ServerTransactionTests
{
    private static readonly SipEndPoint Peer = new(SipTransportKind.Udp, new IPEndPoint(IPAddress.Parse("127.0.0.9"), 40000));

    private readonly FakeTimeProvider _time = new();
    private readonly RecordingSender _sender;
    private readonly TransactionLayer _layer;

    public ServerTransactionTests()
    {
        _sender = new RecordingSender(_time);
        _layer = new TransactionLayer(_sender, _time, NullLogger.Instance);
    }

    /// <summary>
    /// Moves the fake clock in 50 ms steps: FakeTimeProvider fires a timer once per Advance at
    /// the end time, so one big jump would hide the retransmissions in between.
    /// </summary>
    private void Advance(double ms)
    {
        for (var left = ms; left > 0; left -= 50)
        {
            _time.Advance(TimeSpan.FromMilliseconds(Math.Min(50, left)));
        }
    }

    [Fact]
    public void A_new_request_becomes_a_transaction_and_its_retransmission_is_absorbed()
    {
        var notify = Messages.Request("NOTIFY");

        var first = _layer.HandleRequest(notify, Peer);
        var again = _layer.HandleRequest(notify, Peer);

        Assert.Equal(ServerRequestDisposition.New, first.Disposition);
        Assert.Equal(ServerRequestDisposition.Absorbed, again.Disposition);
        Assert.Empty(_sender.Sent); // Trying has nothing to resend
    }

    [Fact]
    public void The_final_response_is_resent_for_each_retransmission_until_timer_j()
    {
        var notify = Messages.Request("NOTIFY");
        var transaction = _layer.HandleRequest(notify, Peer).Transaction!;

        transaction.Respond(200);
        _layer.HandleRequest(notify, Peer);
        _layer.HandleRequest(notify, Peer);

        Assert.Equal(3, _sender.TimesOf("SIP/2.0 200").Count());
        Assert.All(_sender.Sent, s => Assert.Equal(Peer, s.To)); // back to the source (rport)
        Advance(32_000);
        Assert.Equal(ServerRequestDisposition.New, _layer.HandleRequest(notify, Peer).Disposition);
    }

    [Fact]
    public void Only_the_first_final_response_is_sent()
    {
        var transaction = _layer.HandleRequest(Messages.Request("INFO"), Peer).Transaction!;

        transaction.Respond(200);
        transaction.Respond(500);

        Assert.Single(_sender.Sent);
    }

    [Fact]
    public void Invite_gets_100_trying_at_once_and_it_is_resent_for_a_retransmitted_invite()
    {
        var invite = Messages.Request("INVITE");

        var result = _layer.HandleRequest(invite, Peer);
        _layer.HandleRequest(invite, Peer);

        Assert.IsType<InviteServerTransaction>(result.Transaction);
        Assert.Equal(2, _sender.TimesOf("SIP/2.0 100 Trying").Count());
    }

    [Fact]
    public void Invite_non_2xx_is_retransmitted_on_timer_g_until_the_ack()
    {
        var invite = Messages.Request("INVITE");
        var transaction = _layer.HandleRequest(invite, Peer).Transaction!;

        transaction.Respond(486);
        Advance(3_600);
        var ack = RequestFactory.AckForNon2xx(invite, Messages.Reparse(transaction.LastResponse!));
        Assert.Equal(ServerRequestDisposition.Absorbed, _layer.HandleRequest(Messages.Parse<Phone.SipCore.Messages.SipRequest>(System.Text.Encoding.UTF8.GetString(ack.Buffer.Span)), Peer).Disposition);
        Advance(20_000);

        // Timer G: T1 doubling to T2 (17.2.1); stopped by the ACK.
        Assert.Equal([0, 500, 1500, 3500], _sender.TimesOf("SIP/2.0 486"));
        Assert.True(((InviteServerTransaction)transaction).IsAcknowledged);
    }

    [Fact]
    public void Invite_non_2xx_without_ack_gives_up_on_timer_h()
    {
        var invite = Messages.Request("INVITE");
        var transaction = (InviteServerTransaction)_layer.HandleRequest(invite, Peer).Transaction!;
        var gaveUp = false;
        transaction.OnAckTimeout = () => gaveUp = true;

        transaction.Respond(486);
        Advance(31_999);
        Assert.False(gaveUp);
        Advance(1);

        Assert.True(gaveUp);
        Assert.Equal(0, _layer.Count);
        Assert.Equal([0, 500, 1500, 3500, 7500, 11500, 15500, 19500, 23500, 27500, 31500], _sender.TimesOf("SIP/2.0 486"));
    }

    [Fact]
    public void Invite_2xx_is_retransmitted_until_the_dialog_reports_the_ack()
    {
        var invite = Messages.Request("INVITE");
        var transaction = (InviteServerTransaction)_layer.HandleRequest(invite, Peer).Transaction!;

        transaction.Respond(200, toTag: "ph1");
        Advance(1_600);
        transaction.Acknowledge2xx();
        Advance(10_000);

        Assert.Equal([0, 500, 1500], _sender.TimesOf("SIP/2.0 200"));
        // A retransmitted INVITE in Accepted is absorbed without an answer (RFC 6026).
        Assert.Equal(ServerRequestDisposition.Absorbed, _layer.HandleRequest(invite, Peer).Disposition);
        Assert.Equal(3, _sender.TimesOf("SIP/2.0 200").Count());
    }

    [Fact]
    public void An_ack_matching_no_transaction_goes_to_the_dialog()
    {
        var ack = Messages.Request("ACK", branch: "z9hG4bK-ack2xx");

        Assert.Equal(ServerRequestDisposition.AckForDialog, _layer.HandleRequest(ack, Peer).Disposition);
    }

    [Fact]
    public void Cancel_finds_the_invite_it_cancels()
    {
        var invite = Messages.Request("INVITE", branch: "z9hG4bK-x");
        var transaction = _layer.HandleRequest(invite, Peer).Transaction;
        var cancel = RequestFactory.Cancel(invite);

        Assert.Same(transaction, _layer.FindInviteFor(Messages.Parse<Phone.SipCore.Messages.SipRequest>(System.Text.Encoding.UTF8.GetString(cancel.Buffer.Span))));
        Assert.Equal(ServerRequestDisposition.New, _layer.HandleRequest(cancel, Peer).Disposition); // CANCEL is its own transaction
    }
}
