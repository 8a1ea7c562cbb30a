using System.Net;
using Phone.SipCore.Transactions;
using Phone.SipCore.Transport;

namespace Phone.SipCore.Tests.Transactions;

public sealed class ClientTransactionTests : TransactionTestBase
{
    private static readonly SipEndPoint Udp = new(SipTransportKind.Udp, new IPEndPoint(IPAddress.Loopback, 5070));
    private static readonly SipEndPoint Tcp = new(SipTransportKind.Tcp, new IPEndPoint(IPAddress.Loopback, 5070));

    [Fact]
    public async Task Non_invite_over_udp_retransmits_onTimer_e_doubling_to_t2_thenTimes_out_onTimer_f()
    {
        var transaction = Layer.StartClient(Messages.Request("REGISTER"), Udp);

        for (var i = 0; i < 32_000; i += 100)
        {
            Advance(100);
        }

        // T1 = 500 ms doubling, capped at T2 = 4 s, until 64*T1 = 32 s (RFC 3261 17.1.2.2).
        Assert.Equal([0, 500, 1500, 3500, 7500, 11500, 15500, 19500, 23500, 27500, 31500], Sender.TimesOf("REGISTER"));
        Assert.True(transaction.Completion.IsCompleted);
        Assert.Equal(TransactionFailure.Timeout, (await transaction.Completion).Failure);
        Assert.Equal(0, Layer.Count);
    }

    [Fact]
    public async Task Non_inviteTimeout_fires_at_exactly_64_t1()
    {
        var transaction = Layer.StartClient(Messages.Request("SUBSCRIBE"), Udp);

        Advance(31_999);
        Assert.False(transaction.Completion.IsCompleted);
        Advance(1);

        Assert.Equal(TransactionFailure.Timeout, (await transaction.Completion).Failure);
    }

    [Fact]
    public void Non_invite_after_a_provisional_retransmits_every_t2()
    {
        var request = Messages.Request("REGISTER");
        var provisional = new List<int>();
        Layer.StartClient(request, Udp, onProvisional: r => provisional.Add(r.StatusCode));

        Advance(600); // sends at 0 and 500
        Assert.True(Layer.HandleResponse(Messages.Reparse(Messages.Response(request, 100, null))));
        Advance(1_000); // the timer armed at 500 fires at 1500, then every 4 s
        Advance(8_000);

        Assert.Equal([100], provisional);
        Assert.Equal([0, 500, 1500, 5500, 9500], Sender.TimesOf("REGISTER"));
    }

    [Fact]
    public async Task Non_invite_final_completes_and_retransmitted_finals_are_absorbed_untilTimer_k()
    {
        var request = Messages.Request("SUBSCRIBE");
        var transaction = Layer.StartClient(request, Udp);
        var ok = Messages.Reparse(Messages.Response(request, 200));

        Assert.True(Layer.HandleResponse(ok));
        Assert.Equal(200, (await transaction.Completion).Response!.StatusCode);
        Advance(10_000);
        Assert.Single(Sender.TimesOf("SUBSCRIBE")); // no retransmission after the final

        Assert.False(Layer.HandleResponse(ok)); // Timer K (T4 = 5 s) ended the transaction
    }

    [Fact]
    public void Retransmitted_final_insideTimer_k_is_absorbed()
    {
        var request = Messages.Request("SUBSCRIBE");
        Layer.StartClient(request, Udp);
        var ok = Messages.Reparse(Messages.Response(request, 200));
        Layer.HandleResponse(ok);

        Advance(4_999);
        Assert.True(Layer.HandleResponse(ok));
        Advance(1);
        Assert.False(Layer.HandleResponse(ok));
    }

    [Fact]
    public void Non_invite_over_tcp_never_retransmits_and_ends_at_once_after_the_final()
    {
        var request = Messages.Request("REGISTER", transport: "TCP");
        var transaction = Layer.StartClient(request, Tcp);

        Advance(31_000);
        Assert.Single(Sender.TimesOf("REGISTER"));
        Layer.HandleResponse(Messages.Reparse(Messages.Response(request, 200)));

        Assert.True(transaction.Completion.IsCompletedSuccessfully);
        Assert.Equal(0, Layer.Count); // Timer K is zero on a reliable transport
    }

    [Fact]
    public async Task Invite_over_udp_retransmits_onTimer_a_doubling_without_cap_thenTimer_b()
    {
        var transaction = Layer.StartClient(Messages.Request("INVITE"), Udp);

        for (var i = 0; i < 32_000; i += 100)
        {
            Advance(100);
        }

        Assert.Equal([0, 500, 1500, 3500, 7500, 15500, 31500], Sender.TimesOf("INVITE"));
        Assert.Equal(TransactionFailure.Timeout, (await transaction.Completion).Failure);
    }

    [Fact]
    public void Invite_provisional_stops_retransmission_andTimer_b()
    {
        var request = Messages.Request("INVITE");
        var transaction = Layer.StartClient(request, Udp);

        Layer.HandleResponse(Messages.Reparse(Messages.Response(request, 180)));
        Advance(60_000);

        Assert.Single(Sender.TimesOf("INVITE"));
        Assert.False(transaction.Completion.IsCompleted); // Proceeding waits for the user's CANCEL
    }

    [Fact]
    public async Task Invite_non_2xx_final_is_acked_with_the_same_branch_and_acked_again_on_retransmission()
    {
        var request = Messages.Request("INVITE", branch: "z9hG4bK-inv9");
        var transaction = Layer.StartClient(request, Udp);
        var busy = Messages.Reparse(Messages.Response(request, 486));

        Layer.HandleResponse(busy);

        Assert.Equal(486, (await transaction.Completion).Response!.StatusCode);
        var ack = Assert.Single(Sender.Sent, s => s.Text.StartsWith("ACK ", StringComparison.Ordinal)).Text;
        Assert.StartsWith("ACK sip:2001@pbx.example.com SIP/2.0\r\n", ack);
        Assert.Contains("branch=z9hG4bK-inv9", ack);
        Assert.Contains("CSeq: 1 ACK", ack);
        Assert.Contains("tag=srv1", ack); // To from the response

        Layer.HandleResponse(busy);
        Assert.Equal(2, Sender.TimesOf("ACK").Count());

        Advance(32_000); // Timer D
        Assert.False(Layer.HandleResponse(busy));
    }

    [Fact]
    public async Task Invite_2xx_completes_and_its_retransmissions_reach_the_user_untilTimer_m()
    {
        var request = Messages.Request("INVITE");
        var retransmitted = 0;
        var transaction = Layer.StartClient(request, Udp, on2xxRetransmission: _ => retransmitted++);
        var ok = Messages.Reparse(Messages.Response(request, 200));

        Layer.HandleResponse(ok);
        Layer.HandleResponse(ok);

        Assert.True((await transaction.Completion).IsSuccess);
        Assert.Equal(1, retransmitted);
        Assert.DoesNotContain(Sender.Sent, s => s.Text.StartsWith("ACK", StringComparison.Ordinal)); // 2xx ACK is the user's
        Advance(32_000);
        Assert.False(Layer.HandleResponse(ok));
    }

    [Fact]
    public async Task A_transport_error_ends_the_transaction_with_that_reason()
    {
        Sender.Fail = true;

        var transaction = Layer.StartClient(Messages.Request("REGISTER"), Udp);

        Assert.Equal(TransactionFailure.TransportError, (await transaction.Completion).Failure);
        Assert.Contains("network unreachable", (await transaction.Completion).Describe());
        Assert.Equal(0, Layer.Count);
    }

    [Fact]
    public void A_response_for_another_branch_or_method_matches_nothing()
    {
        var request = Messages.Request("SUBSCRIBE", branch: "z9hG4bK-a");
        Layer.StartClient(request, Udp);

        Assert.False(Layer.HandleResponse(Messages.Reparse(Messages.Response(Messages.Request("SUBSCRIBE", branch: "z9hG4bK-b"), 200))));
        Assert.False(Layer.HandleResponse(Messages.Reparse(Messages.Response(Messages.Request("NOTIFY", branch: "z9hG4bK-a"), 200))));
    }

    [Fact]
    public void Cancel_copies_the_invite_identity_with_its_own_method()
    {
        var invite = Messages.Request("INVITE", branch: "z9hG4bK-c1", cseq: 7);

        var cancel = RequestFactory.Cancel(invite);

        Assert.Equal("CANCEL", cancel.Method.Name);
        Assert.Equal(invite.RequestUriText, cancel.RequestUriText);
        Assert.Equal("z9hG4bK-c1", cancel.TopVia.Branch);
        Assert.Equal((7u, "CANCEL"), (cancel.CSeq.Number, cancel.CSeq.Method.Name));
        Assert.Equal(invite.CallId, cancel.CallId);
        Assert.Null(cancel.ToTag);
    }
}
