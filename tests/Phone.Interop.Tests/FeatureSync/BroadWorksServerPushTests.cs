using Phone.Interop.Tests.Sipp;
using Phone.SipCore.Configuration;
using Phone.SipCore.FeatureSync.Model;
using Phone.SipCore.Lines;

namespace Phone.Interop.Tests.FeatureSync;

/// <summary>sipp plays a BroadWorks application server that pushes state to our line.</summary>
public sealed class BroadWorksServerPushTests
{
    private static readonly PbxProfile BroadWorks = PbxPresets.Find("BroadWorks")!;

    [Fact]
    public async Task Full_state_then_each_server_side_change_reaches_the_line()
    {
        await using var sipp = SippProcess.Start("bw-server-push.xml", calls: 2);
        await using var line = new LineHarness(sipp.Port, BroadWorks);

        line.Start();

        // Full state from one multipart NOTIFY (boundary1).
        var full = await line.WaitForAsync(s => s.Features.ForwardNoAnswer.Standing == FeatureStanding.Confirmed, "full state");
        Assert.Equal(RegistrationState.Registered, full.Registration);
        Assert.Equal(("1001", 4), (full.Features.ForwardNoAnswer.Target, full.Features.ForwardNoAnswer.RingCount));
        Assert.False(full.Features.Dnd.Enabled);
        Assert.Equal(FeatureStanding.Confirmed, full.Features.Dnd.Standing);
        Assert.Equal(FeatureOrigin.Server, full.Features.Dnd.Origin);

        await line.WaitForFeatureAsync(FeatureKind.Dnd, true, FeatureStanding.Confirmed);
        await line.WaitForFeatureAsync(FeatureKind.ForwardAlways, true, FeatureStanding.Confirmed, "2424");
        await line.WaitForFeatureAsync(FeatureKind.ForwardBusy, true, FeatureStanding.Confirmed, "3000");
        var cfna = await line.WaitForFeatureAsync(FeatureKind.ForwardNoAnswer, true, FeatureStanding.Confirmed, "5000");
        Assert.Equal(6, cfna.Features.ForwardNoAnswer.RingCount);
        var last = await line.WaitForFeatureAsync(FeatureKind.Dnd, false, FeatureStanding.Confirmed);
        Assert.Equal(SubscriptionStatus.Active, last.Subscription);

        await sipp.AssertPassedAsync(TimeSpan.FromSeconds(20));
        // Every NOTIFY was answered 200 and nothing was echoed back as a Set request.
        Assert.DoesNotContain("<SetDoNotDisturb", sipp.MessageLog());
        Assert.DoesNotContain("<SetForwarding", sipp.MessageLog());
    }

    [Fact]
    public async Task Multipart_with_another_boundary_style_part_headers_and_an_unknown_document()
    {
        await using var sipp = SippProcess.Start("bw-multipart-oss.xml", calls: 2);
        await using var line = new LineHarness(sipp.Port, BroadWorks);

        line.Start();

        var state = await line.WaitForFeatureAsync(FeatureKind.ForwardBusy, true, FeatureStanding.Confirmed, "2424");
        Assert.True(state.Features.Dnd.Enabled);
        // Forward always and no-answer were absent from the full state: not assigned by the server.
        var unassigned = await line.WaitForAsync(
            s => s.Features.ForwardAlways.Standing == FeatureStanding.NotAssigned && s.Features.ForwardNoAnswer.Standing == FeatureStanding.NotAssigned,
            "absent features marked not assigned");
        Assert.Equal("not assigned by server", unassigned.Features.ForwardAlways.Detail);
        await sipp.AssertPassedAsync(TimeSpan.FromSeconds(20));
    }
}
