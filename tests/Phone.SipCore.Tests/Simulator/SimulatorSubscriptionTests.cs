using Microsoft.Extensions.Logging.Abstractions;
using Phone.SipCore.Dialogs;
using Phone.SipCore.Configuration;
using Phone.SipCore.FeatureSync.Documents;
using Phone.SipCore.FeatureSync.Model;
using Phone.SipCore.Lines;
using Phone.SipCore.Simulator;
using Phone.SipCore.Tests.Usages;
using Phone.SipCore.Transport;
using Phone.SipCore.Usages;

namespace Phone.SipCore.Tests.Simulator;

/// <summary>The notifier's NOTIFYs as our subscriber usage sees them, body by body.</summary>
public sealed class SimulatorSubscriptionTests : IAsyncLifetime
{
    private readonly SimulatorHarness _h = new(new PbxSimulatorOptions
    {
        Accounts = [new SimulatedAccount("2001", SimulatorHarness.Password, PbxPresets.BroadWorks)],
        MaxSubscriptionExpires = 2, // the 2xx lowers the 3600 asked for: the client refreshes within a second
    });

    private readonly RecordingSubscriptionOwner _owner = new();
    private LineWorkQueue _queue = null!;
    private SubscriptionClient _client = null!;

    public ValueTask InitializeAsync()
    {
        _queue = new LineWorkQueue(TimeProvider.System, NullLogger.Instance);
        var account = new SipAccount
        {
            User = "2001", Domain = "127.0.0.1", Port = _h.Simulator.EndPoint.Port, Password = SimulatorHarness.Password,
        };
        _client = new SubscriptionClient(_h.PhoneStack, account, new DialogOwner(_queue, 1), FeatureXml.EventPackage, _queue, _queue.Post, _owner, NullLogger.Instance);
        _queue.Post(() => _client.Start(new SipEndPoint(SipTransportKind.Udp, _h.Simulator.EndPoint)));
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        await _queue.InvokeAsync(() =>
        {
            _client.Stop();
            return true;
        });
        await _queue.DisposeAsync();
        await _h.DisposeAsync();
    }

    [Fact]
    public async Task The_full_state_comes_in_one_multipart_notify_and_again_on_each_refresh()
    {
        await _owner.WaitForAsync("notify:4");
        await _owner.WaitForAsync("status:Active");

        // Expires 2 was granted, so the refresh comes within a second or two: full state again.
        await _owner.WaitForAsync("notify:4");

        FeatureBody first;
        lock (_owner.Bodies)
        {
            first = _owner.Bodies[0];
        }
        Assert.Empty(first.Errors);
        Assert.Equal(["DoNotDisturbEvent", "ForwardingEvent", "ForwardingEvent", "ForwardingEvent"], first.Documents.Select(d => d.ElementName));
        Assert.All(first.Documents, d => Assert.Equal("2001", d.Device));

        // On the wire: RFC 6665 4.2.1.1 200 with the granted Expires and a Contact, then the multipart NOTIFY.
        var accepted = await _h.Events.WaitForReceivedAsync(m => m.StartsWith("SIP/2.0 200", StringComparison.Ordinal)
            && m.Contains(" SUBSCRIBE\r\n", StringComparison.Ordinal), SimulatorHarness.Bound);
        Assert.Contains("\r\nExpires: 2\r\n", accepted);
        Assert.Contains("\r\nContact: <sip:2001@127.0.0.1:", accepted);
        var notify = await _h.Events.WaitForReceivedAsync(m => m.StartsWith("NOTIFY ", StringComparison.Ordinal), SimulatorHarness.Bound);
        Assert.Contains("\r\nContent-Type: multipart/mixed;boundary=featuresync-simulator-boundary\r\n", notify);
        Assert.Contains("\r\nSubscription-State: active;expires=", notify);
    }

    [Fact]
    public async Task A_set_in_the_dialog_is_answered_then_notified_with_the_resulting_event()
    {
        await _owner.WaitForAsync("status:Active");

        _queue.Post(() => _client.SendSet(new SetForwarding(ForwardingType.NoAnswer, true, "5000", 7) { Device = "2001" },
            FeatureKind.ForwardNoAnswer));

        await _owner.WaitForAsync("notify:1");
        FeatureDocument last;
        lock (_owner.Bodies)
        {
            last = _owner.Bodies[^1].Documents.Single();
        }
        Assert.Equal(new ForwardingEvent(ForwardingType.NoAnswer, true, "5000", 7) { Device = "2001" }, last);
        Assert.Equal(new FeatureValue(true, "5000", 7), _h.Simulator.Get("2001")!.Features.ForwardNoAnswer);
    }

    [Fact]
    public async Task Unsubscribing_ends_the_subscription_on_the_server()
    {
        await _owner.WaitForAsync("status:Active");
        await _h.WaitForUser("2001", v => v.Subscriptions == 1, "subscribed");

        _queue.Post(_client.Stop);

        var view = await _h.WaitForUser("2001", v => v.Subscriptions == 0, "unsubscribed");
        Assert.Equal("unsubscribed", view.LastEvent);
        // RFC 6665 4.2.2: the last NOTIFY says terminated; the client answers it.
        var final = await _h.Events.WaitForReceivedAsync(m => m.StartsWith("NOTIFY ", StringComparison.Ordinal)
            && m.Contains("Subscription-State: terminated", StringComparison.Ordinal), SimulatorHarness.Bound);
        Assert.Contains("Event: as-feature-event", final);
    }
}
