using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Phone.SipCore.Transactions;
using Phone.SipCore.Transport;

namespace Phone.SipCore.Tests.Transactions;

public sealed class ClientTransactionTests
{
    private static readonly SipEndPoint Udp = new(SipTransportKind.Udp, new IPEndPoint(IPAddress.Loopback, 5070));
    private static readonly SipEndPoint Tcp = new(SipTransportKind.Tcp, new IPEndPoint(IPAddress.Loopback, 5070));

    private readonly FakeTimeProvider _time = new();
    private readonly RecordingSender _sender;
    private readonly TransactionLayer _layer;

    public ClientTransactionTests()
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
    public async Task Non_invite_over_udp_retransmits_on_timer_e_doubling_to_t2_then_times_out_on_timer_f()
    {
        var transaction = _layer.StartClient(Messages.Request("REGISTER"), Udp);

        for (var i = 0; i < 32_000; i += 100)
        {
            Advance(100);
        }

        // T1 = 500 ms doubling, capped at T2 = 4 s, until 64*T1 = 32 s (RFC 3261 17.1.2.2).
        Assert.Equal([0, 500, 1500, 3500, 7500, 11500, 15500, 19500, 23500, 27500, 31500], _sender.TimesOf("REGISTER"));
        Assert.True(transaction.Completion.IsCompleted);
        Assert.Equal(TransactionFailure.Timeout, (await transaction.Completion).Failure);
        Assert.Equal(0, _layer.Count);
    }

    [Fact]
    public async Task Non_invite_timeout_fires_at_exactly_64_t1()
    {
        var transaction = _layer.StartClient(Messages.Request("SUBSCRIBE"), Udp);

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
        _layer.StartClient(request, Udp, onProvisional: r => provisional.Add(r.StatusCode));

        Advance(600); // sends at 0 and 500
        Assert.True(_layer.HandleResponse(Messages.Reparse(Messages.Response(request, 100, null))));
        Advance(1_000); // the timer armed at 500 fires at 1500, then every 4 s
        Advance(8_000);

        Assert.Equal([100], provisional);
        Assert.Equal([0, 500, 1500, 5500, 9500], _sender.TimesOf("REGISTER"));
    }

    [Fact]
    public async Task Non_invite_final_completes_and_retransmitted_finals_are_absorbed_until_timer_k()
    {
        var request = Messages.Request("SUBSCRIBE");
        var transaction = _layer.StartClient(request, Udp);
        var ok = Messages.Reparse(Messages.Response(request, 200));

        Assert.True(_layer.HandleResponse(ok));
        Assert.Equal(200, (await transaction.Completion).Response!.StatusCode);
        Advance(10_000);
        Assert.Single(_sender.TimesOf("SUBSCRIBE")); // no retransmission after the final

        Assert.False(_layer.HandleResponse(ok)); // Timer K (T4 = 5 s) ended the transaction
    }

    [Fact]
    public void Retransmitted_final_inside_timer_k_is_absorbed()
    {
        var request = Messages.Request("SUBSCRIBE");
        _layer.StartClient(request, Udp);
        var ok = Messages.Reparse(Messages.Response(request, 200));
        _layer.HandleResponse(ok);

        Advance(4_999);
        Assert.True(_layer.HandleResponse(ok));
        Advance(1);
        Assert.False(_layer.HandleResponse(ok));
    }

    [Fact]
    public void Non_invite_over_tcp_never_retransmits_and_ends_at_once_after_the_final()
    {
        var request = Messages.Request("REGISTER", transport: "TCP");
        var transaction = _layer.StartClient(request, Tcp);

        Advance(31_000);
        Assert.Single(_sender.TimesOf("REGISTER"));
        _layer.HandleResponse(Messages.Reparse(Messages.Response(request, 200)));

        Assert.True(transaction.Completion.IsCompletedSuccessfully);
        Assert.Equal(0, _layer.Count); // Timer K is zero on a reliable transport
    }

    [Fact]
    public async Task Invite_over_udp_retransmits_on_timer_a_doubling_without_cap_then_timer_b()
    {
        var transaction = _layer.StartClient(Messages.Request("INVITE"), Udp);

        for (var i = 0; i < 32_000; i += 100)
        {
            Advance(100);
        }

        Assert.Equal([0, 500, 1500, 3500, 7500, 15500, 31500], _sender.TimesOf("INVITE"));
        Assert.Equal(TransactionFailure.Timeout, (await transaction.Completion).Failure);
    }

    [Fact]
    public void Invite_provisional_stops_retransmission_and_timer_b()
    {
        var request = Messages.Request("INVITE");
        var transaction = _layer.StartClient(request, Udp);

        _layer.HandleResponse(Messages.Reparse(Messages.Response(request, 180)));
        Advance(60_000);

        Assert.Single(_sender.TimesOf("INVITE"));
        Assert.False(transaction.Completion.IsCompleted); // Proceeding waits for the user's CANCEL
    }

    [Fact]
    public async Task Invite_non_2xx_final_is_acked_with_the_same_branch_and_acked_again_on_retransmission()
    {
        var request = Messages.Request("INVITE", branch: "z9hG4bK-inv9");
        var transaction = _layer.StartClient(request, Udp);
        var busy = Messages.Reparse(Messages.Response(request, 486));

        _layer.HandleResponse(busy);

        Assert.Equal(486, (await transaction.Completion).Response!.StatusCode);
        var ack = Assert.Single(_sender.Sent, s => s.Text.StartsWith("ACK ", StringComparison.Ordinal)).Text;
        Assert.StartsWith("ACK sip:2001@pbx.example.com SIP/2.0\r\n", ack);
        Assert.Contains("branch=z9hG4bK-inv9", ack);
        Assert.Contains("CSeq: 1 ACK", ack);
        Assert.Contains("tag=srv1", ack); // To from the response

        _layer.HandleResponse(busy);
        Assert.Equal(2, _sender.TimesOf("ACK").Count());

        Advance(32_000); // Timer D
        Assert.False(_layer.HandleResponse(busy));
    }

    [Fact]
    public async Task Invite_2xx_completes_and_its_retransmissions_reach_the_user_until_timer_m()
    {
        var request = Messages.Request("INVITE");
        var retransmitted = 0;
        var transaction = _layer.StartClient(request, Udp, on2xxRetransmission: _ => retransmitted++);
        var ok = Messages.Reparse(Messages.Response(request, 200));

        _layer.HandleResponse(ok);
        _layer.HandleResponse(ok);

        Assert.True((await transaction.Completion).IsSuccess);
        Assert.Equal(1, retransmitted);
        Assert.DoesNotContain(_sender.Sent, s => s.Text.StartsWith("ACK", StringComparison.Ordinal)); // 2xx ACK is the user's
        Advance(32_000);
        Assert.False(_layer.HandleResponse(ok));
    }

    [Fact]
    public async Task A_transport_error_ends_the_transaction_with_that_reason()
    {
        _sender.Fail = true;

        var transaction = _layer.StartClient(Messages.Request("REGISTER"), Udp);

        Assert.Equal(TransactionFailure.TransportError, (await transaction.Completion).Failure);
        Assert.Contains("network unreachable", (await transaction.Completion).Describe());
        Assert.Equal(0, _layer.Count);
    }

    [Fact]
    public void A_response_for_another_branch_or_method_matches_nothing()
    {
        var request = Messages.Request("SUBSCRIBE", branch: "z9hG4bK-a");
        _layer.StartClient(request, Udp);

        Assert.False(_layer.HandleResponse(Messages.Reparse(Messages.Response(Messages.Request("SUBSCRIBE", branch: "z9hG4bK-b"), 200))));
        Assert.False(_layer.HandleResponse(Messages.Reparse(Messages.Response(Messages.Request("NOTIFY", branch: "z9hG4bK-a"), 200))));
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
