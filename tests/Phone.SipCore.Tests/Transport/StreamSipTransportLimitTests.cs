using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Time.Testing;
using Phone.SipCore.Transport;
using static Phone.SipCore.Tests.Transport.StreamTestSupport;

namespace Phone.SipCore.Tests.Transport;

/// <summary>Hostile and broken peers: every one of them ends with the connection closed.</summary>
public sealed class StreamSipTransportLimitTests
{
    [Fact]
    public async Task A_message_not_finished_in_time_closes_the_connection()
    {
        using var listener = Listen(IPAddress.Loopback);
        // A short real timeout: the clock starts when the read loop sees the first byte, which the test cannot observe.
        await using var server = Server(listener, new StreamSipTransportOptions { IncompleteMessageTimeout = TimeSpan.FromMilliseconds(300) });
        var handler = new CollectingHandler();
        server.Start(handler);
        using var raw = await ConnectRawAsync(EndPointOf(listener));

        await raw.SendAsync(Bytes("INVITE sip:a SIP/2.0\r\nContent-Length: 10\r\n\r\nabc"), SocketFlags.None);

        Assert.Equal(0, await ReceiveUntilClosedAsync(raw));
        Assert.False(handler.TryTake(out _));
    }

    [Fact]
    public async Task A_finished_message_stops_the_message_clock()
    {
        var time = new FakeTimeProvider();
        using var listener = Listen(IPAddress.Loopback);
        await using var server = Server(listener, new StreamSipTransportOptions { IncompleteMessageTimeout = TimeSpan.FromSeconds(30) }, time);
        var handler = new CollectingHandler();
        server.Start(handler);
        using var raw = await ConnectRawAsync(EndPointOf(listener));
        var message = Sip("OPTIONS sip:a SIP/2.0");

        await raw.SendAsync(Bytes(message), SocketFlags.None);
        await handler.NextAsync();
        time.Advance(TimeSpan.FromMinutes(1));
        await raw.SendAsync(Bytes(message), SocketFlags.None);

        Assert.Equal(message, await handler.NextTextAsync());
    }

    [Fact]
    public async Task A_connection_with_no_traffic_is_closed_after_the_idle_time_and_not_before()
    {
        var time = new FakeTimeProvider();
        var idle = TimeSpan.FromMinutes(10);
        using var listener = Listen(IPAddress.Loopback);
        await using var server = Server(listener, new StreamSipTransportOptions { IdleTimeout = idle }, time);
        var handler = new CollectingHandler();
        server.Start(handler);
        using var raw = await ConnectRawAsync(EndPointOf(listener));
        var message = Sip("OPTIONS sip:a SIP/2.0");

        await raw.SendAsync(Bytes(message), SocketFlags.None);
        await handler.NextAsync();
        time.Advance(idle - TimeSpan.FromSeconds(1));
        await raw.SendAsync(Bytes(message), SocketFlags.None);
        await handler.NextAsync();
        // The first idle deadline passes, but there was traffic a second ago: the connection stays.
        time.Advance(TimeSpan.FromSeconds(2));
        await raw.SendAsync(Bytes(message), SocketFlags.None);
        Assert.Equal(message, await handler.NextTextAsync());
        time.Advance(idle);

        Assert.True(await ReceiveUntilEndedAsync(raw));
    }

    [Fact]
    public async Task A_silent_connection_is_closed_after_the_idle_time()
    {
        using var listener = Listen(IPAddress.Loopback);
        await using var server = Server(listener, new StreamSipTransportOptions { IdleTimeout = TimeSpan.FromMilliseconds(300) });
        server.Start(new CollectingHandler());
        using var raw = await ConnectRawAsync(EndPointOf(listener));

        Assert.Equal(0, await ReceiveUntilClosedAsync(raw));
    }

    [Fact]
    public async Task Connections_beyond_the_cap_are_closed_at_once_and_the_others_keep_working()
    {
        using var listener = Listen(IPAddress.Loopback);
        await using var server = Server(listener, new StreamSipTransportOptions { MaxConnections = 2 });
        var handler = new CollectingHandler();
        server.Start(handler);
        var first = Sip("OPTIONS sip:first SIP/2.0");
        var second = Sip("OPTIONS sip:second SIP/2.0");
        var later = Sip("OPTIONS sip:later SIP/2.0");

        using var a = await ConnectRawAsync(EndPointOf(listener));
        await a.SendAsync(Bytes(first), SocketFlags.None);
        Assert.Equal(first, await handler.NextTextAsync());
        using var b = await ConnectRawAsync(EndPointOf(listener));
        await b.SendAsync(Bytes(second), SocketFlags.None);
        Assert.Equal(second, await handler.NextTextAsync());
        using var refused = await ConnectRawAsync(EndPointOf(listener));

        Assert.Equal(0, await ReceiveOnceAsync(refused, new byte[16]));
        await a.SendAsync(Bytes(later), SocketFlags.None);
        Assert.Equal(later, await handler.NextTextAsync());
        Assert.Equal(2, server.ConnectionCount);
    }

    [Fact]
    public async Task A_freed_slot_can_be_used_again()
    {
        using var listener = Listen(IPAddress.Loopback);
        await using var server = Server(listener, new StreamSipTransportOptions { MaxConnections = 1 });
        var handler = new CollectingHandler();
        server.Start(handler);
        var message = Sip("OPTIONS sip:a SIP/2.0");

        using (var first = await ConnectRawAsync(EndPointOf(listener)))
        {
            await first.SendAsync(Bytes(message), SocketFlags.None);
            await handler.NextAsync();
            first.Shutdown(SocketShutdown.Send);
            // The server sees our FIN, closes its side, and frees the slot.
            Assert.Equal(0, await ReceiveUntilClosedAsync(first));
        }
        // The slot is freed once the server's read loop has wound down, just after its FIN
        // reached us: wait for that (bounded), as a reconnecting client's retry would.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (server.ConnectionCount > 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(10);
        }
        Assert.Equal(0, server.ConnectionCount);
        using var second = await ConnectRawAsync(EndPointOf(listener));
        await second.SendAsync(Bytes(message), SocketFlags.None);

        Assert.Equal(message, await handler.NextTextAsync());
    }

    [Fact]
    public async Task Outbound_connects_count_against_the_cap()
    {
        using var peerA = Listen(IPAddress.Loopback);
        using var peerB = Listen(IPAddress.Loopback);
        await using var client = Client(new StreamSipTransportOptions { MaxConnections = 1 });
        var handler = new CollectingHandler();
        client.Start(handler);
        var message = Bytes(Sip("OPTIONS sip:a SIP/2.0"));

        await client.SendAsync(message, Tcp(EndPointOf(peerA)), CancellationToken.None);
        await Assert.ThrowsAsync<IOException>(async () =>
            await client.SendAsync(message, Tcp(EndPointOf(peerB)), CancellationToken.None));

        Assert.Single(handler.Errors);
    }

    [Theory]
    [InlineData("OPTIONS sip:a SIP/2.0\r\nCall-ID: 1\r\n\r\n")]
    [InlineData("OPTIONS sip:a SIP/2.0\r\nContent-Length: nine\r\n\r\n")]
    [InlineData("OPTIONS sip:a SIP/2.0\r\nContent-Length: 999999\r\n\r\n")]
    public async Task A_framing_error_closes_the_connection(string bad)
    {
        using var listener = Listen(IPAddress.Loopback);
        await using var server = Server(listener);
        var handler = new CollectingHandler();
        server.Start(handler);
        using var raw = await ConnectRawAsync(EndPointOf(listener));

        await raw.SendAsync(Bytes(bad), SocketFlags.None);

        Assert.Equal(0, await ReceiveUntilClosedAsync(raw));
        Assert.False(handler.TryTake(out _));
    }

    [Fact]
    public async Task Headers_without_an_end_beyond_the_limit_close_the_connection()
    {
        using var listener = Listen(IPAddress.Loopback);
        await using var server = Server(listener, new StreamSipTransportOptions { MaxHeaderBytes = 1024 });
        server.Start(new CollectingHandler());
        using var raw = await ConnectRawAsync(EndPointOf(listener));

        await raw.SendAsync(Bytes("OPTIONS sip:a SIP/2.0\r\nX: " + new string('a', 2048)), SocketFlags.None);

        Assert.Equal(0, await ReceiveUntilClosedAsync(raw));
    }

    [Fact]
    public void Invalid_options_are_rejected_naming_the_setting()
    {
        var error = Assert.Throws<ArgumentException>(() => Client(new StreamSipTransportOptions { MaxConnections = 0 }));
        Assert.Contains(nameof(StreamSipTransportOptions.MaxConnections), error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => Client(new StreamSipTransportOptions { IdleTimeout = TimeSpan.Zero }));
        using var listener = Listen(IPAddress.Loopback);
        Assert.Throws<ArgumentException>(() => Server(listener, kind: SipTransportKind.Tls));
        Assert.Throws<ArgumentException>(() => Client(kind: SipTransportKind.Udp));
    }
}
