using System.Net;
using Phone.SipCore.Transactions;
using Phone.SipCore.Transport;

namespace Phone.SipCore.Tests.Transactions;

public sealed class ServerTransactionTests : TransactionTestBase
{
    private static readonly SipEndPoint Peer = new(SipTransportKind.Udp, new IPEndPoint(IPAddress.Parse("127.0.0.9"), 40000));

    private static readonly double Tick = TimerJReaper.Tick.TotalMilliseconds;

    [Fact]
    public void A_new_request_becomes_a_transaction_and_its_retransmission_is_absorbed()
    {
        var notify = Messages.Request("NOTIFY");

        var first = Layer.HandleRequest(notify, Peer);
        var again = Layer.HandleRequest(notify, Peer);

        Assert.Equal(ServerRequestDisposition.New, first.Disposition);
        Assert.Equal(ServerRequestDisposition.Absorbed, again.Disposition);
        Assert.Empty(Sender.Sent); // Trying has nothing to resend
    }

    [Fact]
    public void Transactions_answered_at_different_times_each_end_no_earlier_than_Timer_j_and_within_a_tick_after()
    {
        // One timer serves Timer J for the whole layer (TimerJReaper): each transaction must
        // still stay 64*T1 after its own final response, and end less than one reaper tick later,
        // in the order they were answered. Answered at 0, 10.1 and 20.2 s: J ends at 32, 42.1, 52.2 s.
        var answered = new List<ServerTransaction>();
        for (var i = 0; i < 3; i++)
        {
            var transaction = Layer.HandleRequest(Messages.Request("NOTIFY", branch: $"z9hG4bK-j{i}"), Peer).Transaction!;
            transaction.Respond(200);
            answered.Add(transaction);
            Advance(10_100);
        }
        // now t = 30.3 s
        Advance(1_699); // 31.999 s
        Assert.All(answered, t => Assert.False(t.IsTerminated));
        Advance(1 + Tick); // 32 s + a tick
        Assert.Equal([true, false, false], answered.Select(t => t.IsTerminated));
        Advance(42_099 - 32_000 - Tick); // 42.099 s
        Assert.Equal([true, false, false], answered.Select(t => t.IsTerminated));
        Advance(1 + Tick); // 42.1 s + a tick
        Assert.Equal([true, true, false], answered.Select(t => t.IsTerminated));
        Advance(52_199 - 42_100 - Tick); // 52.199 s
        Assert.Equal([true, true, false], answered.Select(t => t.IsTerminated));
        Advance(1 + Tick);
        Assert.All(answered, t => Assert.True(t.IsTerminated));
        Assert.Equal(0, Layer.Count);
    }

    [Fact]
    public void A_storm_of_transactions_answered_a_millisecond_apart_ends_in_one_reaper_run_per_tick()
    {
        // 1,000 NOTIFYs a second: armed for each one's exact due time, the reaper ran once per
        // transaction (waking the timer thread and a pool worker each time). Per tick, it runs once
        // for all the transactions due in it, and none ends before its own J.
        var answered = new List<(ServerTransaction Transaction, double At)>();
        for (var i = 0; i < 1_000; i++)
        {
            var transaction = Layer.HandleRequest(Messages.Request("NOTIFY", branch: $"z9hG4bK-s{i}"), Peer).Transaction!;
            transaction.Respond(200);
            answered.Add((transaction, i));
            Time.Advance(TimeSpan.FromMilliseconds(1));
        }
        var runsBefore = Layer.TimerJ.Runs;
        // From t = 1 s to the last one's J plus a tick, one millisecond at a time: each one seen
        // ended (they end in the order answered) must be past its own J.
        var ended = 0;
        for (var now = 1_000.0; now <= 999 + 32_000 + Tick; now++)
        {
            for (; ended < answered.Count && answered[ended].Transaction.IsTerminated; ended++)
            {
                Assert.True(now >= answered[ended].At + 32_000, $"transaction {ended} ended at {now} ms, before its Timer J");
            }
            Time.Advance(TimeSpan.FromMilliseconds(1));
        }
        Assert.All(answered, a => Assert.True(a.Transaction.IsTerminated));
        Assert.Equal(0, Layer.Count);
        // 1 s of answers spans at most 5 tick boundaries (4 per second, and one for a partial tick).
        Assert.InRange(Layer.TimerJ.Runs - runsBefore, 4, 5);
    }

    [Fact]
    public void The_final_response_is_resent_for_each_retransmission_untilTimer_j()
    {
        var notify = Messages.Request("NOTIFY");
        var transaction = Layer.HandleRequest(notify, Peer).Transaction!;

        transaction.Respond(200);
        Layer.HandleRequest(notify, Peer);
        Layer.HandleRequest(notify, Peer);

        Assert.Equal(3, Sender.TimesOf("SIP/2.0 200").Count());
        Assert.All(Sender.Sent, s => Assert.Equal(Peer, s.To)); // back to the source (rport)
        Advance(32_000);
        Assert.Equal(ServerRequestDisposition.New, Layer.HandleRequest(notify, Peer).Disposition);
    }

    [Fact]
    public void Only_the_first_final_response_is_sent()
    {
        var transaction = Layer.HandleRequest(Messages.Request("INFO"), Peer).Transaction!;

        transaction.Respond(200);
        transaction.Respond(500);

        Assert.Single(Sender.Sent);
    }

    [Fact]
    public void Invite_gets_100_trying_at_once_and_it_is_resent_for_a_retransmitted_invite()
    {
        var invite = Messages.Request("INVITE");

        var result = Layer.HandleRequest(invite, Peer);
        Layer.HandleRequest(invite, Peer);

        Assert.IsType<InviteServerTransaction>(result.Transaction);
        Assert.Equal(2, Sender.TimesOf("SIP/2.0 100 Trying").Count());
    }

    [Fact]
    public void Invite_non_2xx_is_retransmitted_onTimer_g_until_the_ack()
    {
        var invite = Messages.Request("INVITE");
        var transaction = Layer.HandleRequest(invite, Peer).Transaction!;

        transaction.Respond(486);
        Advance(3_600);
        var ack = RequestFactory.AckForNon2xx(invite, Messages.Reparse(((InviteServerTransaction)transaction).LastResponse!));
        Assert.Equal(ServerRequestDisposition.Absorbed, Layer.HandleRequest(Messages.Parse<Phone.SipCore.Messages.SipRequest>(System.Text.Encoding.UTF8.GetString(ack.Buffer.Span)), Peer).Disposition);
        Advance(20_000);

        // Timer G: T1 doubling to T2 (17.2.1); stopped by the ACK.
        Assert.Equal([0, 500, 1500, 3500], Sender.TimesOf("SIP/2.0 486"));
        Assert.True(((InviteServerTransaction)transaction).IsAcknowledged);
    }

    [Fact]
    public void Invite_non_2xx_without_ack_gives_up_onTimer_h()
    {
        var invite = Messages.Request("INVITE");
        var transaction = (InviteServerTransaction)Layer.HandleRequest(invite, Peer).Transaction!;
        var gaveUp = false;
        transaction.OnAckTimeout = () => gaveUp = true;

        transaction.Respond(486);
        Advance(31_999);
        Assert.False(gaveUp);
        Advance(1);

        Assert.True(gaveUp);
        Assert.Equal(0, Layer.Count);
        Assert.Equal([0, 500, 1500, 3500, 7500, 11500, 15500, 19500, 23500, 27500, 31500], Sender.TimesOf("SIP/2.0 486"));
    }

    [Fact]
    public void Invite_2xx_is_retransmitted_until_the_dialog_reports_the_ack()
    {
        var invite = Messages.Request("INVITE");
        var transaction = (InviteServerTransaction)Layer.HandleRequest(invite, Peer).Transaction!;

        transaction.Respond(200, toTag: "ph1");
        Advance(1_600);
        transaction.Acknowledge2xx();
        Advance(10_000);

        Assert.Equal([0, 500, 1500], Sender.TimesOf("SIP/2.0 200"));
        // A retransmitted INVITE in Accepted is absorbed without an answer (RFC 6026).
        Assert.Equal(ServerRequestDisposition.Absorbed, Layer.HandleRequest(invite, Peer).Disposition);
        Assert.Equal(3, Sender.TimesOf("SIP/2.0 200").Count());
    }

    [Fact]
    public void An_ack_matching_no_transaction_goes_to_the_dialog()
    {
        var ack = Messages.Request("ACK", branch: "z9hG4bK-ack2xx");

        Assert.Equal(ServerRequestDisposition.AckForDialog, Layer.HandleRequest(ack, Peer).Disposition);
    }

    [Fact]
    public void Cancel_finds_the_invite_it_cancels()
    {
        var invite = Messages.Request("INVITE", branch: "z9hG4bK-x");
        var transaction = Layer.HandleRequest(invite, Peer).Transaction;
        var cancel = RequestFactory.Cancel(invite);

        Assert.Same(transaction, Layer.FindInviteFor(Messages.Parse<Phone.SipCore.Messages.SipRequest>(System.Text.Encoding.UTF8.GetString(cancel.Buffer.Span))));
        Assert.Equal(ServerRequestDisposition.New, Layer.HandleRequest(cancel, Peer).Disposition); // CANCEL is its own transaction
    }
}
