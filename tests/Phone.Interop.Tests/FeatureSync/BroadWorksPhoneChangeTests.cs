using Phone.SipCore.SyncLog;
using Phone.Interop.Tests.Sipp;
using Phone.SipCore.Configuration;
using Phone.SipCore.FeatureSync.Model;
using Phone.SipCore.Lines;

namespace Phone.Interop.Tests.FeatureSync;

/// <summary>Phone-side changes against sipp playing BroadWorks, and the server's ways of saying no.</summary>
public sealed class BroadWorksPhoneChangeTests
{
    private static readonly PbxProfile BroadWorks = PbxPresets.Find("BroadWorks")!;

    private static Task<LineStatus> Active(LineHarness line) =>
        line.WaitForAsync(s => s.Subscription == SubscriptionStatus.Active && s.Features.Dnd.Standing == FeatureStanding.Confirmed, "active with state");

    [Fact]
    public async Task Each_phone_change_is_pending_then_confirmed_by_the_servers_notify()
    {
        await using var sipp = SippProcess.Start("bw-phone-changes.xml", calls: 2);
        await using var line = new LineHarness(sipp.Port, BroadWorks);
        line.Start();
        await Active(line);

        try
        {
            Assert.True((await line.RequestAsync(FeatureKind.Dnd, true)).Accepted);
            await line.WaitForFeatureAsync(FeatureKind.Dnd, true, FeatureStanding.Pending);
            var dnd = await line.WaitForFeatureAsync(FeatureKind.Dnd, true, FeatureStanding.Confirmed);
            Assert.Equal(FeatureOrigin.Web, dnd.Features.Dnd.Origin);

            var cfna = await line.SetEachForwardConfirmedAsync();
            Assert.Equal(3, cfna.Features.ForwardNoAnswer.RingCount);
        }
        catch (TimeoutException ex)
        {
            // Show what sipp saw: on a loaded machine this is where a lost step shows up.
            throw new TimeoutException($"{ex.Message}\n{sipp.Describe()}", ex);
        }

        // sipp checked each Set document's content and element order (ereg with check_it).
        await sipp.AssertPassedAsync(TimeSpan.FromSeconds(20));
    }

    [Fact]
    public async Task A_notify_that_keeps_the_old_value_makes_the_change_rejected_by_server()
    {
        await using var sipp = SippProcess.Start("bw-refuse.xml", calls: 2);
        // The default 10 s confirmation window: the refusal must show by the settle rule, long before it.
        await using var line = new LineHarness(sipp.Port, BroadWorks);
        line.Start();
        await Active(line);

        var asked = System.Diagnostics.Stopwatch.StartNew();
        await line.RequestAsync(FeatureKind.Dnd, true);

        var rejected = await line.WaitForFeatureAsync(FeatureKind.Dnd, false, FeatureStanding.Rejected);
        // sipp refuses 50 ms after the Set; settle is 1 s. Bounded well under the 10 s window, loose for load.
        Assert.True(asked.Elapsed < TimeSpan.FromSeconds(6), $"rejected after {asked.Elapsed}");
        Assert.Equal(FeatureOrigin.Server, rejected.Features.Dnd.Origin);
        Assert.True(StatusPhrase.TryDecode(rejected.Features.Dnd.Detail, out var kept));
        Assert.Equal((StatusPhraseCode.ServerKept, "off", "on"), (kept.Code, kept.Args[0].Value, kept.Args[1].Value));
        await sipp.AssertPassedAsync(TimeSpan.FromSeconds(20));
    }

    [Fact]
    public async Task A_481_to_the_refresh_leads_to_a_new_subscription_and_state_again()
    {
        await using var sipp = SippProcess.Start("bw-refresh-481.xml", calls: 3);
        await using var line = new LineHarness(sipp.Port, BroadWorks);
        line.Start();

        await line.WaitForFeatureAsync(FeatureKind.Dnd, true, FeatureStanding.Confirmed);
        await line.WaitForAsync(s => s.Subscription == SubscriptionStatus.Subscribing, "resubscribing after the 481");
        var again = await line.WaitForAsync(s => s.Subscription == SubscriptionStatus.Active, "active again");

        Assert.True(again.Features.Dnd.Enabled);
        Assert.Contains("481 Subscription Does Not Exist", sipp.MessageLog());
        await sipp.AssertPassedAsync(TimeSpan.FromSeconds(20));
    }

    [Fact]
    public async Task A_489_to_the_initial_subscribe_is_reported_as_unsupported()
    {
        await using var sipp = SippProcess.Start("bw-489.xml", calls: 2);
        await using var line = new LineHarness(sipp.Port, BroadWorks);
        line.Start();

        var status = await line.WaitForAsync(s => s.Subscription == SubscriptionStatus.Unsupported, "unsupported");

        Assert.True(StatusPhrase.TryDecode(status.SubscriptionDetail, out var unsupported));
        Assert.Equal((StatusPhraseCode.PackageUnsupported, "489 Bad Event", "as-feature-event"),
            (unsupported.Code, unsupported.Args[0].Value, unsupported.Args[1].Value));
        await sipp.AssertPassedAsync(TimeSpan.FromSeconds(20));
    }
}
