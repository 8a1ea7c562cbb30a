using System.Net;
using System.Net.Sockets;
using Phone.SipCore.Transport;
using static Phone.SipCore.Tests.Transport.StreamTestSupport;

namespace Phone.SipCore.Tests.Transport;

public sealed class StreamSipTransportTests
{
    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("::1")]
    public async Task Requests_and_responses_travel_both_ways_on_one_connection(string address)
    {
        var ip = IPAddress.Parse(address);
        using var listener = Listen(ip);
        await using var server = Server(listener);
        await using var client = Client();
        var atServer = new CollectingHandler();
        var atClient = new CollectingHandler();
        server.Start(atServer);
        client.Start(atClient);
        var request = Sip("OPTIONS sip:server SIP/2.0");
        var response = Sip("SIP/2.0 200 OK");
        var reverse = Sip("NOTIFY sip:client SIP/2.0", "dnd=on");
        var reverseAnswer = Sip("SIP/2.0 200 OK", "ok");

        await client.SendAsync(Bytes(request), server.LocalEndPoint, CancellationToken.None);
        var received = await atServer.NextAsync();
        await server.SendAsync(Bytes(response), received.Remote, CancellationToken.None);
        var answered = await atClient.NextAsync();
        // The server starts a request of its own over the same connection (RFC 5626 flow reuse).
        await server.SendAsync(Bytes(reverse), received.Remote, CancellationToken.None);
        var reverseReceived = await atClient.NextAsync();
        await client.SendAsync(Bytes(reverseAnswer), reverseReceived.Remote, CancellationToken.None);

        Assert.Equal(request, System.Text.Encoding.UTF8.GetString(received.Data.Span));
        Assert.Equal(SipTransportKind.Tcp, received.Remote.Transport);
        Assert.Equal(ip, received.Remote.EndPoint.Address);
        Assert.Equal(server.LocalEndPoint, received.Local);
        Assert.Equal(response, System.Text.Encoding.UTF8.GetString(answered.Data.Span));
        Assert.Equal(server.LocalEndPoint, answered.Remote);
        Assert.Equal(received.Remote, answered.Local);
        Assert.Equal(reverse, System.Text.Encoding.UTF8.GetString(reverseReceived.Data.Span));
        Assert.Equal(reverseAnswer, await atServer.NextTextAsync());
        Assert.Equal(1, server.ConnectionCount);
        Assert.Equal(1, client.ConnectionCount);
        Assert.Empty(atServer.Errors);
        Assert.Empty(atClient.Errors);
    }

    [Fact]
    public async Task A_response_goes_back_over_the_accepted_connection_not_a_new_one()
    {
        // Both sides listen, so a misrouted response would open a second connection to the client's listener.
        using var serverListener = Listen(IPAddress.Loopback);
        using var clientListener = Listen(IPAddress.Loopback);
        await using var server = Server(serverListener);
        await using var client = Server(clientListener);
        var atServer = new CollectingHandler();
        var atClient = new CollectingHandler();
        server.Start(atServer);
        client.Start(atClient);

        await client.SendAsync(Bytes(Sip("REGISTER sip:server SIP/2.0")), server.LocalEndPoint, CancellationToken.None);
        var request = await atServer.NextAsync();
        await server.SendAsync(Bytes(Sip("SIP/2.0 200 OK")), request.Remote, CancellationToken.None);
        var response = await atClient.NextAsync();

        // RFC 3261 18.2.2: the request came from the client's ephemeral port, not its listening port.
        Assert.NotEqual(client.LocalEndPoint, request.Remote);
        Assert.Equal(server.LocalEndPoint, response.Remote);
        Assert.Equal(request.Remote, response.Local);
        Assert.Equal(1, server.ConnectionCount);
        Assert.Equal(1, client.ConnectionCount);
    }

    [Fact]
    public async Task Messages_written_together_or_dribbled_byte_by_byte_arrive_whole_and_in_order()
    {
        using var listener = Listen(IPAddress.Loopback);
        await using var server = Server(listener);
        var handler = new CollectingHandler();
        server.Start(handler);
        var first = Sip("MESSAGE sip:a SIP/2.0", "one");
        var second = Sip("MESSAGE sip:a SIP/2.0");
        var third = Sip("MESSAGE sip:a SIP/2.0", "three\r\n\r\nwith a blank line inside");
        var dribbled = Sip("MESSAGE sip:a SIP/2.0", "four");
        using var raw = await ConnectRawAsync(EndPointOf(listener));

        await raw.SendAsync(Bytes(first + second + third), SocketFlags.None);
        foreach (var b in Bytes(dribbled))
        {
            await raw.SendAsync(new[] { b }, SocketFlags.None);
        }

        Assert.Equal(first, await handler.NextTextAsync());
        Assert.Equal(second, await handler.NextTextAsync());
        Assert.Equal(third, await handler.NextTextAsync());
        Assert.Equal(dribbled, await handler.NextTextAsync());
    }

    [Fact]
    public async Task A_ping_is_answered_with_one_crlf()
    {
        using var listener = Listen(IPAddress.Loopback);
        await using var server = Server(listener);
        server.Start(new CollectingHandler());
        using var raw = await ConnectRawAsync(EndPointOf(listener));

        await raw.SendAsync("\r\n\r\n"u8.ToArray(), SocketFlags.None);

        // RFC 5626 3.5.1: CRLFCRLF is answered by exactly one CRLF.
        Assert.Equal("\r\n", await ReceiveExactlyAsync(raw, 2));
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("::1")]
    public async Task A_refused_connect_throws_and_is_reported(string address)
    {
        // A port that was free a moment ago: nothing listens there.
        var listener = Listen(IPAddress.Parse(address));
        var closedPort = EndPointOf(listener);
        listener.Dispose();
        await using var client = Client();
        var handler = new CollectingHandler();
        client.Start(handler);
        var remote = Tcp(closedPort);

        var error = await Assert.ThrowsAsync<SocketException>(async () =>
            await client.SendAsync(Bytes(Sip("OPTIONS sip:x SIP/2.0")), remote, CancellationToken.None));

        Assert.Equal(SocketError.ConnectionRefused, error.SocketErrorCode);
        var reported = Assert.Single(handler.Errors);
        Assert.Equal(remote, reported.Remote);
        Assert.Same(error, reported.Error);
        Assert.Equal(0, client.ConnectionCount);
    }

    [Fact]
    public async Task A_broken_outbound_connection_is_reported_and_replaced_on_the_next_send()
    {
        using var peer = Listen(IPAddress.Loopback);
        await using var client = Client();
        var handler = new CollectingHandler();
        client.Start(handler);
        var remote = Tcp(EndPointOf(peer));
        var message = Sip("OPTIONS sip:x SIP/2.0");

        await client.SendAsync(Bytes(message), remote, CancellationToken.None);
        using (var first = await peer.AcceptSocketAsync())
        {
            await ReceiveExactlyAsync(first, Bytes(message).Length);
            // A reset (not a clean close) is a broken flow.
            first.LingerState = new LingerOption(true, 0);
        }
        await WaitForErrorAsync(handler);
        await client.SendAsync(Bytes(message), remote, CancellationToken.None);
        using var second = await peer.AcceptSocketAsync();

        Assert.Equal(message, await ReceiveExactlyAsync(second, Bytes(message).Length));
        Assert.Equal(remote, handler.Errors[0].Remote);
    }

    [Fact]
    public async Task Concurrent_sends_share_one_connection_and_never_interleave()
    {
        using var listener = Listen(IPAddress.Loopback);
        await using var server = Server(listener);
        await using var client = Client();
        var handler = new CollectingHandler();
        server.Start(handler);
        client.Start(new CollectingHandler());
        var messages = Enumerable.Range(0, 50)
            .Select(i => Sip($"MESSAGE sip:{i}@server SIP/2.0", new string((char)('a' + i % 26), 3000 + i)))
            .ToArray();

        await Task.WhenAll(messages.Select(m => client.SendAsync(Bytes(m), server.LocalEndPoint, CancellationToken.None).AsTask()));

        var received = new HashSet<string>();
        for (var i = 0; i < messages.Length; i++)
        {
            received.Add(await handler.NextTextAsync());
        }
        Assert.True(received.SetEquals(messages));
        Assert.Equal(1, client.ConnectionCount);
    }

    [Fact]
    public async Task A_peer_that_stops_reading_fails_the_send_after_the_send_timeout()
    {
        using var peer = Listen(IPAddress.Loopback);
        await using var client = Client(new StreamSipTransportOptions { SendTimeout = TimeSpan.FromMilliseconds(300) });
        var handler = new CollectingHandler();
        client.Start(handler);
        var remote = Tcp(EndPointOf(peer));
        var big = Bytes(Sip("MESSAGE sip:x SIP/2.0", new string('x', 60_000)));
        await client.SendAsync(big, remote, CancellationToken.None);
        using var raw = await peer.AcceptSocketAsync();

        // The peer never reads: once the socket buffers are full, a write can only time out.
        var error = await Assert.ThrowsAsync<IOException>(async () =>
        {
            for (var i = 0; i < 10_000; i++)
            {
                await client.SendAsync(big, remote, CancellationToken.None);
            }
        });

        Assert.Contains("did not take", error.Message, StringComparison.Ordinal);
        Assert.Equal(remote, Assert.Single(handler.Errors).Remote);
    }

    [Fact]
    public async Task A_message_for_another_transport_kind_is_refused()
    {
        await using var client = Client();
        client.Start(new CollectingHandler());

        await Assert.ThrowsAsync<ArgumentException>(async () => await client.SendAsync(
            Bytes(Sip("OPTIONS sip:x SIP/2.0")), new SipEndPoint(SipTransportKind.Udp, new IPEndPoint(IPAddress.Loopback, 5060)),
            CancellationToken.None));
    }

    [Fact]
    public async Task A_throwing_handler_does_not_stop_reception()
    {
        using var listener = Listen(IPAddress.Loopback);
        await using var server = Server(listener);
        var collecting = new CollectingHandler();
        var first = true;
        server.Start(new ThrowingOnceHandler(collecting, () => first && !(first = false)));
        using var raw = await ConnectRawAsync(EndPointOf(listener));
        var second = Sip("MESSAGE sip:a SIP/2.0", "two");

        await raw.SendAsync(Bytes(Sip("MESSAGE sip:a SIP/2.0", "one") + second), SocketFlags.None);

        Assert.Equal(second, await collecting.NextTextAsync());
    }

    [Fact]
    public async Task Dispose_closes_every_connection_and_refuses_later_sends()
    {
        using var listener = Listen(IPAddress.Loopback);
        var server = Server(listener);
        var handler = new CollectingHandler();
        server.Start(handler);
        using var raw = await ConnectRawAsync(EndPointOf(listener));
        await raw.SendAsync(Bytes(Sip("OPTIONS sip:x SIP/2.0")), SocketFlags.None);
        var received = await handler.NextAsync();

        await server.DisposeAsync();

        // Ended by FIN or, when the close races the socket's last segments, by reset (seen once in CI).
        Assert.True(await ReceiveUntilEndedAsync(raw));
        Assert.Equal(0, server.ConnectionCount);
        await Assert.ThrowsAsync<ObjectDisposedException>(async () =>
            await server.SendAsync(Bytes(Sip("SIP/2.0 200 OK")), received.Remote, CancellationToken.None));
    }

    private static async Task WaitForErrorAsync(CollectingHandler handler)
    {
        // Errors arrive from the connection's read loop; wait for the signal with a bound.
        using var timeout = new CancellationTokenSource(Bound);
        await handler.ErrorReported.WaitAsync(timeout.Token);
    }

    private sealed class ThrowingOnceHandler(CollectingHandler inner, Func<bool> shouldThrow) : ISipPacketHandler
    {
        public void OnPacket(ReceivedPacket packet)
        {
            if (shouldThrow())
            {
                throw new InvalidOperationException("boom");
            }
            inner.OnPacket(packet);
        }

        public void OnTransportError(SipEndPoint remote, Exception error) => inner.OnTransportError(remote, error);
    }
}
