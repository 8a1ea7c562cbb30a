using System.Net;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Phone.SipCore.Messages;
using Phone.SipCore.Parsing;
using Phone.SipCore.Stack;
using Phone.SipCore.Tests.Transactions;
using Phone.SipCore.Transactions;
using Phone.SipCore.Transport;

namespace Phone.SipCore.Tests.Messages;

/// <summary>
/// The pooled-message ownership rules (SipMessage remarks, docs/performance.md "Parser"): the last
/// release returns a message to the pool and the next parse reuses it; a released message cannot
/// be read; a transaction's reference keeps its request out of the pool until the transaction ends.
/// The pool's fast slot is per thread, so these tests see their own releases only.
/// </summary>
public sealed class MessageOwnershipTests : TransactionTestBase
{
    private static readonly SipEndPoint Peer = new(SipTransportKind.Udp, new IPEndPoint(IPAddress.Parse("127.0.0.9"), 40000));

    private static SipRequest Notify(string callId, string branch = "z9hG4bK-own1", string toTag = ";tag=p1") =>
        Assert.IsType<SipRequest>(SipParser.TryParse(Encoding.ASCII.GetBytes(
            "NOTIFY sip:2001@192.0.2.10:5060 SIP/2.0\r\n" +
            $"Via: SIP/2.0/UDP 127.0.0.9:40000;branch={branch}\r\n" +
            "Max-Forwards: 70\r\n" +
            "From: \"AS\" <sip:2001@as.example.com>;tag=8a7f3c21\r\n" +
            $"To: <sip:2001@as.example.com>{toTag}\r\n" +
            $"Call-ID: {callId}\r\n" +
            "CSeq: 102 NOTIFY\r\n" +
            "Event: as-feature-event\r\n" +
            "Content-Length: 4\r\n\r\nbody")).Message);

    [Fact]
    public void The_last_release_returns_the_message_to_the_pool_and_the_next_parse_reuses_it_with_its_own_data()
    {
        var first = Notify("first@127.0.0.9");
        first.Release();

        var second = Notify("second@127.0.0.9", toTag: "");

        Assert.Same(first, second);
        Assert.Equal("second@127.0.0.9", second.CallId);
        Assert.Null(second.ToTag);
        Assert.True(second.ToTagSpan.IsEmpty);
        second.Release();
    }

    [Fact]
    public void A_released_message_throws_on_every_read_instead_of_showing_stale_data()
    {
        var notify = Notify("gone@127.0.0.9");
        notify.Release();

        Assert.False(notify.IsLive);
        Assert.Throws<ObjectDisposedException>(() => notify.Buffer);
        Assert.Throws<ObjectDisposedException>(() => notify.Headers.Length);
        Assert.Throws<ObjectDisposedException>(() => notify.CallIdSpan.Length);
        Assert.Throws<ObjectDisposedException>(() => notify.CSeq);
        Assert.Throws<ObjectDisposedException>(() => notify.Method);
        Assert.Throws<ObjectDisposedException>(() => notify.Body);
        Assert.Throws<ObjectDisposedException>(() => notify.FromTagSpan.Length);
        Assert.Throws<ObjectDisposedException>(() => notify.GetHeaderValue(HeaderId.Event));
        Assert.Throws<ObjectDisposedException>(notify.Release);
        Assert.Throws<ObjectDisposedException>(notify.Retain);
        Assert.Same(notify, SipMessagePool<SipRequest>.LocalWaiting); // the failed calls did not take it back out
    }

    [Fact]
    public void A_retained_message_stays_out_of_the_pool_until_its_last_release()
    {
        var notify = Notify("kept@127.0.0.9");
        notify.Retain();

        notify.Release();
        var other = Notify("other@127.0.0.9");

        Assert.NotSame(notify, other);
        Assert.Equal("kept@127.0.0.9", notify.CallId);
        // The last release puts it in this thread's slot (the other message holds none of it):
        // released second, it went to the shared array, where a test parsing on another thread
        // could take it and make it live again before the check.
        notify.Release();
        Assert.False(notify.IsLive);
        Assert.Same(notify, SipMessagePool<SipRequest>.LocalWaiting);
        other.Release();
    }

    [Fact]
    public void A_message_that_fails_to_parse_goes_straight_back_to_the_pool()
    {
        var good = Notify("good@127.0.0.9");
        good.Release();

        var bad = SipParser.TryParse(Encoding.ASCII.GetBytes(
            "NOTIFY sip:2001@192.0.2.10 SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.9;branch=z9hG4bK-x\r\nMax-Forwards: 70\r\n" +
            "From: <sip:a@b>;tag=1\r\nTo: <sip:a@b>\r\nCall-ID: bad\r\nCSeq: 1 INVITE\r\n\r\n"));

        Assert.Equal(SipParseError.CSeqMethodMismatch, bad.Error);
        Assert.Same(good, SipMessagePool<SipRequest>.LocalWaiting);
    }

    [Fact]
    public void The_parser_records_the_from_and_to_tags_as_spans()
    {
        var notify = Notify("tags@127.0.0.9");

        Assert.Equal("8a7f3c21", Encoding.ASCII.GetString(notify.FromTagSpan));
        Assert.Equal("p1", Encoding.ASCII.GetString(notify.ToTagSpan));
        Assert.Equal(notify.FromTag, Encoding.ASCII.GetString(notify.FromTagSpan));
        notify.Release();
    }

    [Fact]
    public void A_request_is_kept_by_its_transaction_until_answered_and_its_retransmissions_are_answered_after()
    {
        var notify = Notify("matched@127.0.0.9");
        var transaction = Layer.HandleRequest(notify, Peer).Transaction!;

        notify.Release(); // the receiver lets go before the answer: the transaction still holds it
        Assert.True(notify.IsLive);
        Assert.Equal("matched@127.0.0.9", transaction.Request.CallId);

        transaction.Respond(200); // answered: the transaction lets go too, the request is recycled
        Assert.False(notify.IsLive);

        // Timer J still runs: a retransmission is matched by the transaction's key and answered
        // again from the response it kept, without the request.
        var retransmission = Notify("matched@127.0.0.9");
        Assert.Equal(ServerRequestDisposition.Absorbed, Layer.HandleRequest(retransmission, Peer).Disposition);
        Assert.Equal(2, Sender.TimesOf("SIP/2.0 200").Count());
        retransmission.Release();
        transaction.Respond(500); // a late second answer is ignored, not read from a recycled request
        Assert.Empty(Sender.TimesOf("SIP/2.0 500"));

        Advance(31_999);
        Assert.False(transaction.IsTerminated);
        Advance(1); // Timer J (64*T1) ends it
        Assert.True(transaction.IsTerminated);
        Assert.Equal(ServerRequestDisposition.New, Layer.HandleRequest(Notify("matched@127.0.0.9"), Peer).Disposition);
    }

    [Fact]
    public async Task The_stack_releases_a_stray_response_and_an_absorbed_retransmission()
    {
        var time = new FakeTimeProvider();
        var (phone, _) = InMemorySipTransport.CreatePair(time, inline: true);
        await using var stack = new SipStack(time, NullLogger<SipStack>.Instance, boundAddress: IPAddress.Loopback);
        stack.AddTransport(phone);
        TakeLocalSlots();

        stack.OnPacket(new ReceivedPacket(Encoding.ASCII.GetBytes(
            "SIP/2.0 200 OK\r\nVia: SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bK-nobody\r\nFrom: <sip:a@b>;tag=1\r\n" +
            "To: <sip:a@b>;tag=2\r\nCall-ID: stray@127.0.0.9\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n"), Peer, phone.LocalEndPoint));
        Assert.NotNull(SipMessagePool<SipResponse>.LocalWaiting);

        // An in-dialog NOTIFY for no dialog: answered 481 by the stack, which then lets go; its
        // transaction let go when it sent the final answer, so the request is recycled at once.
        // The retransmission is absorbed (answered again) and released at once too.
        var notify = Notify("nodialog@127.0.0.9").Buffer;
        stack.OnPacket(new ReceivedPacket(notify, Peer, phone.LocalEndPoint));
        Assert.NotNull(SipMessagePool<SipRequest>.LocalWaiting);
        TakeLocalSlots();
        stack.OnPacket(new ReceivedPacket(notify, Peer, phone.LocalEndPoint));
        Assert.NotNull(SipMessagePool<SipRequest>.LocalWaiting);
    }

    // Empties this thread's pool slots, so what the stack releases next is what lands there.
    private static void TakeLocalSlots()
    {
        _ = SipParser.TryParse(Encoding.ASCII.GetBytes(
            "OPTIONS sip:a@b SIP/2.0\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK-1\r\nMax-Forwards: 70\r\nFrom: <sip:a@b>;tag=1\r\n" +
            "To: <sip:a@b>\r\nCall-ID: slot\r\nCSeq: 1 OPTIONS\r\n\r\n"));
        _ = SipParser.TryParse(Encoding.ASCII.GetBytes(
            "SIP/2.0 200 OK\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK-1\r\nFrom: <sip:a@b>;tag=1\r\n" +
            "To: <sip:a@b>\r\nCall-ID: slot\r\nCSeq: 1 OPTIONS\r\n\r\n"));
        Assert.Null(SipMessagePool<SipRequest>.LocalWaiting);
        Assert.Null(SipMessagePool<SipResponse>.LocalWaiting);
    }
}
