using Phone.SipCore.SyncLog;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging.Abstractions;
using Phone.Interop.Tests.Reliability;
using Phone.Interop.Tests.Sipp;
using Phone.SipCore.FeatureSync.Model;
using Phone.SipCore.Lines;
using Phone.SipCore.Transport;

namespace Phone.Interop.Tests.Lines;

/// <summary>
/// Line 1 = 2001 at a server on 127.0.0.1, line 2 = 2001 at another server on 127.0.0.2, one
/// phone, real UDP. Each line's Contact carries its own token, so the servers' NOTIFYs, their
/// incoming calls and the lines' state never cross over.
/// </summary>
public sealed class SameUserOnTwoServersTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Two_lines_with_one_user_on_two_servers_register_subscribe_take_calls_and_keep_their_state_apart()
    {
        await using var phone = new SipCoreHarness();
        await using var serverA = FeatureServer.OnUdp(IPAddress.Loopback);
        await using var serverB = FeatureServer.OnUdp(IPAddress.Parse("127.0.0.2"));
        using var events = new RecordingLineEvents();
        _ = serverA.ChangeDnd(true); // no subscription yet: the server's state the first NOTIFY will carry
        await using var line1 = new TestLine(null!, IPAddress.Loopback, serverA.EndPoint.EndPoint, line: 1, user: "2001",
            sharedStack: phone.Stack, events: events);
        await using var line2 = new TestLine(null!, IPAddress.Loopback, serverB.EndPoint.EndPoint, line: 2, user: "2001",
            sharedStack: phone.Stack, events: events);
        line1.Start();
        line2.Start();

        await line1.WaitForDndAsync(true, FeatureStanding.Confirmed, Bound);
        await line2.WaitForDndAsync(false, FeatureStanding.Confirmed, Bound);
        // Two bindings for one user, told apart by the line token in each Contact.
        var contactA = serverA.RegisteredContact!;
        var contactB = serverB.RegisteredContact!;
        Assert.Matches(@"^sip:2001@127\.0\.0\.1:\d+;line=[a-z0-9]{8}$", contactA);
        Assert.Matches(@"^sip:2001@127\.0\.0\.1:\d+;line=[a-z0-9]{8}$", contactB);
        Assert.NotEqual(contactA, contactB);

        // Server-side changes reach only their own line.
        await serverB.ChangeDnd(true)!.WaitAsync(Bound);
        await line2.WaitForDndAsync(true, FeatureStanding.Confirmed, Bound);
        await serverA.ChangeDnd(false)!.WaitAsync(Bound);
        await line1.WaitForDndAsync(false, FeatureStanding.Confirmed, Bound);
        Assert.True(line2.Current.Features.Dnd.Enabled, "line 2 keeps server B's DND");

        // An incoming call from each server reaches the line registered there, and only that line.
        var callA = await serverA.CallAsync(within: Bound);
        Assert.Equal((180, 487), callA);
        await events.WaitForLogAsync(e => e.Line == 1 && e.Kind == SyncLogKind.Call && e.Event.Code == SyncLogCode.CallCancelled,
            "line 1 logs server A's call", Bound);
        Assert.DoesNotContain(events.Log, e => e.Line == 2 && e.Kind == SyncLogKind.Call);
        var callB = await serverB.CallAsync(within: Bound);
        Assert.Equal((180, 487), callB);
        await events.WaitForLogAsync(e => e.Line == 2 && e.Kind == SyncLogKind.Call && e.Event.Code == SyncLogCode.CallCancelled,
            "line 2 logs server B's call", Bound);
        Assert.Single(events.Log, e => e.Line == 1 && e.Kind == SyncLogKind.Call && e.Event.Code == SyncLogCode.CallRinging);

        // Without a token the user alone cannot say which line: RFC 3261 21.4.23.
        var anonymous = await serverA.CallAsync($"sip:2001@127.0.0.1:{phone.UdpPort}", Bound);
        Assert.Equal((485, 485), anonymous);
    }
}
