using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Phone.SipCore.FeatureSync.Model;
using Phone.SipCore.Lines;
using Phone.SipCore.Parsing;
using Phone.SipCore.Transport;

namespace Phone.Interop.Tests.Reliability;

/// <summary>
/// Issue 9, hostile SIP: a NOTIFY that is not the line's subscription is refused with 481 and
/// changes nothing; an oversized message and a header flood are dropped before they reach a
/// line. A live line (registered, subscribed, DND off confirmed) on loopback UDP is the target,
/// and a stranger socket on another loopback address is the attacker.
/// </summary>
public sealed class HostileSipTests : IAsyncLifetime
{
    private const string Ns = "http://www.ecma-international.org/standards/ecma-323/csta/ed3";
    private readonly Socket _serverSocket = Bind(IPAddress.Loopback);
    private readonly Socket _phoneSocket = Bind(IPAddress.Loopback);
    // Another loopback address: a different source than the server.
    private readonly Socket _stranger = Bind(IPAddress.Parse("127.0.0.9"));
    private FeatureServer _server = null!;
    private TestLine _line = null!;

    public async ValueTask InitializeAsync()
    {
        _server = new FeatureServer(new UdpSipTransport(_serverSocket, NullLogger.Instance));
        _line = new TestLine(new UdpSipTransport(_phoneSocket, NullLogger.Instance), IPAddress.Loopback, _server.EndPoint.EndPoint);
        _line.Start();
        await _line.WaitForAsync(s => s.Subscription == SubscriptionStatus.Active && s.Features.Dnd.Standing == FeatureStanding.Confirmed,
            "active with state", TimeSpan.FromSeconds(20));
    }

    public async ValueTask DisposeAsync()
    {
        await _line.DisposeAsync();
        await _server.DisposeAsync();
        _serverSocket.Dispose();
        _phoneSocket.Dispose();
        _stranger.Dispose();
    }

    [Fact]
    public async Task A_notify_for_an_unknown_dialog_gets_481_and_changes_nothing()
    {
        var ids = _server.DialogIds;
        var response = await SendAsStrangerAsync(Notify("forged-" + Guid.NewGuid().ToString("N"), ids.ServerTag, ids.PhoneFrom, ids.PhoneTarget, dnd: true));

        Assert.StartsWith("SIP/2.0 481", response);
        await AssertDndUnchangedAsync();
    }

    [Fact]
    public async Task A_notify_naming_the_dialog_from_a_host_that_is_not_the_lines_server_gets_403_and_changes_nothing()
    {
        var ids = _server.DialogIds;
        var response = await SendAsStrangerAsync(Notify(ids.CallId, "not-the-server", ids.PhoneFrom, ids.PhoneTarget, dnd: true));

        // The line's trust policy refuses the source before the dialog looks at the tags.
        Assert.StartsWith("SIP/2.0 403", response);
        await AssertDndUnchangedAsync();
    }

    [Fact]
    public async Task A_header_flood_is_dropped_without_an_answer_or_a_change()
    {
        var ids = _server.DialogIds;
        var flood = new StringBuilder();
        for (var i = 0; i < 5_000; i++)
        {
            flood.Append("X-F").Append(i).Append(": a\r\n");
        }
        var dropped = _line.Stack.DroppedCount;
        var text = Notify(ids.CallId, ids.ServerTag, ids.PhoneFrom, ids.PhoneTarget, dnd: true).Replace("Max-Forwards: 70\r\n",
            "Max-Forwards: 70\r\n" + flood, StringComparison.Ordinal);
        Assert.True(Encoding.UTF8.GetByteCount(text) < SipParser.MaxMessageSize, "the flood fits the size limit; the header count refuses it");

        await _stranger.SendToAsync(Encoding.UTF8.GetBytes(text), SocketFlags.None, PhoneEndPoint);

        await WaitForDropAsync(dropped);
        await AssertDndUnchangedAsync();
    }

    /// <summary>
    /// Over UDP/IPv4 a datagram cannot exceed 65,507 bytes, under the 64 KiB limit, so the
    /// oversized message goes over the in-memory link (as a TCP frame would arrive whole).
    /// </summary>
    [Fact]
    public async Task A_message_over_64_KiB_is_dropped_without_an_answer()
    {
        var (phone, attacker) = InMemorySipTransport.CreatePair(TimeProvider.System, inline: true);
        await using var stack = new Phone.SipCore.Stack.SipStack(TimeProvider.System, NullLogger<Phone.SipCore.Stack.SipStack>.Instance,
            boundAddress: IPAddress.Loopback);
        stack.AddTransport(phone);
        attacker.Start(new CountingHandler());
        var ids = _server.DialogIds;
        var text = Notify(ids.CallId, ids.ServerTag, ids.PhoneFrom, ids.PhoneTarget, dnd: true, new string('x', 70_000));
        Assert.True(Encoding.UTF8.GetByteCount(text) > SipParser.MaxMessageSize);

        await attacker.SendAsync(Encoding.UTF8.GetBytes(text), phone.LocalEndPoint, CancellationToken.None);

        Assert.Equal(1, stack.DroppedCount);
        Assert.Equal(0, phone.SentCount);
    }

    private IPEndPoint PhoneEndPoint => (IPEndPoint)_phoneSocket.LocalEndPoint!;

    /// <summary>Nothing changed: a real server NOTIFY sent after the hostile one still finds DND off, then turns it on.</summary>
    private async Task AssertDndUnchangedAsync()
    {
        Assert.False(_line.Current.Features.Dnd.Enabled);
        // Ordering proof: the line's queue handled the hostile message before this genuine one.
        await (_server.ChangeDnd(true) ?? Task.FromException<Phone.SipCore.Transactions.TransactionOutcome>(new InvalidOperationException("no dialog")));
        var status = await _line.WaitForDndAsync(true, FeatureStanding.Confirmed, TimeSpan.FromSeconds(10));
        Assert.Equal(FeatureOrigin.Server, status.Features.Dnd.Origin);
    }

    private async Task WaitForDropAsync(long before)
    {
        // The drop is counted on the receive thread; the stack has no event for it, so wait on the counter with a bound.
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (_line.Stack.DroppedCount == before)
        {
            await Task.Delay(10, timeout.Token);
        }
        Assert.Equal(before + 1, _line.Stack.DroppedCount);
        // And no answer came back to the sender.
        var buffer = new byte[2048];
        var receive = _stranger.ReceiveFromAsync(buffer, SocketFlags.None, new IPEndPoint(IPAddress.Any, 0));
        Assert.NotSame(receive, await Task.WhenAny(receive, Task.Delay(TimeSpan.FromMilliseconds(300))));
    }

    private async Task<string> SendAsStrangerAsync(string text)
    {
        await _stranger.SendToAsync(Encoding.UTF8.GetBytes(text), SocketFlags.None, PhoneEndPoint);
        var buffer = new byte[4096];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var result = await _stranger.ReceiveFromAsync(buffer, SocketFlags.None, new IPEndPoint(IPAddress.Any, 0), timeout.Token);
        return Encoding.UTF8.GetString(buffer, 0, result.ReceivedBytes);
    }

    private string Notify(string callId, string fromTag, string phoneFrom, string target, bool dnd, string? padding = null)
    {
        var stranger = (IPEndPoint)_stranger.LocalEndPoint!;
        var body = $"<?xml version=\"1.0\"?><DoNotDisturbEvent xmlns=\"{Ns}\"><device>2001</device>" +
                   $"<doNotDisturbOn>{(dnd ? "true" : "false")}</doNotDisturbOn></DoNotDisturbEvent>{padding}";
        return $"NOTIFY {target} SIP/2.0\r\n" +
               $"Via: SIP/2.0/UDP {stranger};branch=z9hG4bK{Guid.NewGuid():N}\r\n" +
               "Max-Forwards: 70\r\n" +
               $"From: <sip:2001@{stranger.Address}>;tag={fromTag}\r\n" +
               $"To: {phoneFrom}\r\n" +
               $"Call-ID: {callId}\r\n" +
               "CSeq: 99 NOTIFY\r\n" +
               "Event: as-feature-event\r\n" +
               "Subscription-State: active;expires=3600\r\n" +
               "Content-Type: application/x-as-feature-event+xml\r\n" +
               $"Content-Length: {Encoding.UTF8.GetByteCount(body)}\r\n\r\n{body}";
    }

    private sealed class CountingHandler : ISipPacketHandler
    {
        public void OnPacket(ReceivedPacket packet)
        {
        }

        public void OnTransportError(SipEndPoint remote, Exception error)
        {
        }
    }

    private static Socket Bind(IPAddress address)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(address, 0));
        return socket;
    }
}
