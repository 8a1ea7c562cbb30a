using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging.Abstractions;
using Phone.SipCore.FeatureSync.Model;
using Phone.SipCore.Lines;
using Phone.SipCore.Transport;

namespace Phone.Interop.Tests.Reliability;

/// <summary>
/// Issue 9, server restart: the server goes away with a phone-side change in flight and comes
/// back on the same port with no memory of the subscription. The line's in-dialog request
/// meets 481, it subscribes again, re-registers, shows the server's state, and the change
/// that was pending reaches the server and is confirmed.
/// </summary>
public sealed class ServerRestartTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task After_a_restart_the_line_resubscribes_through_481_and_the_pending_change_is_not_lost()
    {
        var (first, firstSocket) = Server(0);
        var port = first.EndPoint.EndPoint.Port;
        await using var line = new TestLine(Udp(0), IPAddress.Loopback, first.EndPoint.EndPoint);
        line.Start();
        await line.WaitForAsync(s => s.Subscription == SubscriptionStatus.Active && s.Features.Dnd.Standing == FeatureStanding.Confirmed,
            "active with state", Bound);

        // The server dies; a phone-side change is asked for while it is gone.
        await first.DisposeAsync();
        firstSocket.Dispose(); // the transport leaves its socket to the owner
        Assert.True((await line.RequestDndAsync(true)).Accepted);
        await line.WaitForDndAsync(true, FeatureStanding.Pending, Bound);

        // It comes back on the same port, with no subscription and its own stored state (DND off).
        var (second, secondSocket) = Server(port);
        using var closeSecond = secondSocket;
        await using var stopSecond = second;

        var confirmed = await line.WaitForDndAsync(true, FeatureStanding.Confirmed, Bound);
        Assert.Equal(FeatureOrigin.Web, confirmed.Features.Dnd.Origin);
        Assert.True(second.Dnd, "the change pending during the outage reached the restarted server");
        await line.WaitForAsync(_ => second.Registers > 0, "registered with the restarted server", Bound);
        Assert.True(second.InitialSubscribes > 0, "subscribed again");
        Assert.True(second.Refused481 > 0, "the in-dialog request to the restarted server met 481");
        var status = line.Current;
        Assert.Equal(RegistrationState.Registered, status.Registration);
        Assert.Equal(SubscriptionStatus.Active, status.Subscription);
        output.WriteLine($"restarted server: {second.Registers} REGISTER, {second.InitialSubscribes} new SUBSCRIBE, {second.Refused481} answered 481");
    }

    [Fact]
    public async Task A_refresh_meeting_481_after_a_restart_brings_back_the_servers_state()
    {
        var (first, firstSocket) = Server(0);
        var port = first.EndPoint.EndPoint.Port;
        await using var line = new TestLine(Udp(0), IPAddress.Loopback, first.EndPoint.EndPoint);
        line.Start();
        await line.WaitForDndAsync(false, FeatureStanding.Confirmed, Bound);
        await first.DisposeAsync();
        firstSocket.Dispose(); // the transport leaves its socket to the owner

        // The restarted server's state differs from what the line last saw.
        var (second, secondSocket) = Server(port);
        using var closeSecond = secondSocket;
        await using var stopSecond = second;
        _ = second.ChangeDnd(true);

        // The refresh (at half of 4 s) gets 481; the new subscription's full state shows DND on.
        await line.WaitForDndAsync(true, FeatureStanding.Confirmed, Bound);
        Assert.True(second.Refused481 > 0, "the old dialog's refresh was answered 481");
        Assert.True(second.InitialSubscribes > 0);
    }

    private static UdpSipTransport Udp(int port) => new(Socket(port), NullLogger.Instance);

    private static (FeatureServer, Socket) Server(int port)
    {
        var socket = Socket(port);
        return (new FeatureServer(new UdpSipTransport(socket, NullLogger.Instance), expires: 4), socket);
    }

    private static Socket Socket(int port)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, port));
        return socket;
    }
}
