using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Time.Testing;
using Phone.SipCore.Transport;
using static Phone.SipCore.Tests.Transport.StreamTestSupport;

namespace Phone.SipCore.Tests.Transport;

/// <summary>RFC 5626 3.5.1 / 4.4.1 CRLF keep-alives sent by the transport, with time from a FakeTimeProvider.</summary>
public sealed class StreamSipTransportKeepAliveTests
{
    [Fact]
    public async Task Keep_alive_pings_are_sent_on_request_and_periodically()
    {
        var time = new FakeTimeProvider();
        using var peer = Listen(IPAddress.Loopback);
        var interval = TimeSpan.FromSeconds(30);
        await using var client = Client(new StreamSipTransportOptions { KeepAliveInterval = interval }, time);
        client.Start(new CollectingHandler());
        var remote = Tcp(EndPointOf(peer));
        var message = Sip("REGISTER sip:x SIP/2.0");

        await client.SendAsync(Bytes(message), remote, CancellationToken.None);
        using var raw = await peer.AcceptSocketAsync();
        Assert.Equal(message, await ReceiveExactlyAsync(raw, Bytes(message).Length));
        await client.SendKeepAliveAsync(remote, CancellationToken.None);
        Assert.Equal("\r\n\r\n", await ReceiveExactlyAsync(raw, 4));
        time.Advance(interval);
        Assert.Equal("\r\n\r\n", await ReceiveExactlyAsync(raw, 4));
    }

    [Fact]
    public async Task A_keep_alive_without_a_connection_fails_and_is_reported()
    {
        await using var client = Client();
        var handler = new CollectingHandler();
        client.Start(handler);
        var remote = Tcp(new IPEndPoint(IPAddress.Loopback, 9));

        await Assert.ThrowsAsync<IOException>(async () => await client.SendKeepAliveAsync(remote, CancellationToken.None));
        Assert.Equal(remote, Assert.Single(handler.Errors).Remote);
    }

    [Fact]
    public async Task A_ping_without_a_pong_in_time_closes_the_flow_and_is_reported()
    {
        var time = new FakeTimeProvider();
        using var peer = Listen(IPAddress.Loopback);
        var options = new StreamSipTransportOptions
        {
            KeepAliveInterval = TimeSpan.FromSeconds(30),
            KeepAlivePongTimeout = TimeSpan.FromSeconds(10),
        };
        await using var client = Client(options, time);
        var handler = new CollectingHandler();
        client.Start(handler);
        var remote = Tcp(EndPointOf(peer));
        var message = Sip("REGISTER sip:x SIP/2.0");
        await client.SendAsync(Bytes(message), remote, CancellationToken.None);
        using var raw = await peer.AcceptSocketAsync();
        await ReceiveExactlyAsync(raw, Bytes(message).Length);

        time.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal("\r\n\r\n", await ReceiveExactlyAsync(raw, 4));
        time.Advance(TimeSpan.FromSeconds(10));

        Assert.Equal(0, await ReceiveUntilClosedAsync(raw));
        using var timeout = new CancellationTokenSource(Bound);
        await handler.ErrorReported.WaitAsync(timeout.Token);
        var reported = Assert.Single(handler.Errors);
        Assert.Equal(remote, reported.Remote);
        Assert.IsType<TimeoutException>(reported.Error);
    }

    [Fact]
    public async Task A_ping_answered_by_a_pong_keeps_the_flow()
    {
        var time = new FakeTimeProvider();
        using var peer = Listen(IPAddress.Loopback);
        var options = new StreamSipTransportOptions { KeepAlivePongTimeout = TimeSpan.FromSeconds(10) };
        await using var client = Client(options, time);
        var handler = new CollectingHandler();
        client.Start(handler);
        var remote = Tcp(EndPointOf(peer));
        var message = Sip("REGISTER sip:x SIP/2.0");
        var notify = Sip("NOTIFY sip:phone SIP/2.0");
        await client.SendAsync(Bytes(message), remote, CancellationToken.None);
        using var raw = await peer.AcceptSocketAsync();
        await ReceiveExactlyAsync(raw, Bytes(message).Length);

        await client.SendKeepAliveAsync(remote, CancellationToken.None);
        Assert.Equal("\r\n\r\n", await ReceiveExactlyAsync(raw, 4));
        // The message after the pong proves the client has read the pong before the clock moves.
        await raw.SendAsync(Bytes("\r\n" + notify), SocketFlags.None);
        Assert.Equal(notify, await handler.NextTextAsync());
        time.Advance(TimeSpan.FromSeconds(10));
        await client.SendAsync(Bytes(message), remote, CancellationToken.None);

        Assert.Equal(message, await ReceiveExactlyAsync(raw, Bytes(message).Length));
        Assert.Empty(handler.Errors);
    }
}
