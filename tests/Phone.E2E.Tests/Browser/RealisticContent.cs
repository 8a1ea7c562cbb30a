using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Phone.SipCore.Transport;
using Phone.SipCore.Configuration;
using Phone.SipCore.FeatureSync.Model;
using Phone.SipCore.Lines;
using Phone.Storage.Lines;
using Phone.Storage.Logs;
using Phone.Storage.Profiles;
using Phone.Storage.Traces;
using Phone.TestSupport;

namespace Phone.E2E.Tests.Browser;

/// <summary>
/// What a busy phone shows, for the screenshots and the layout test: lines with long labels,
/// long SIP targets and status details, a BroadWorks profile, a sync log and a short SIP exchange.
/// </summary>
internal static class RealisticContent
{
    private const string LongHost = "pbx-cluster-eu-west-1.voice.example-carrier.com";
    private const string LongLabel = "Customer service overflow (second floor, east wing)";
    private const string LongTarget = "sip:reception-overflow-queue@" + LongHost;

    /// <summary>Three lines, a BroadWorks profile, a sync log and a short SIP exchange.</summary>
    public static async Task SeedAsync(PhoneWebFactory factory)
    {
        var services = factory.Services;
        var profile = await services.GetRequiredService<PbxProfileRepository>().CreateFromPresetAsync("BroadWorks");
        await services.GetRequiredService<PbxProfileRepository>().CreateFromPresetAsync("3CX");
        var lines = services.GetRequiredService<LineRepository>();
        // Stored disabled, so no SIP agent publishes over the snapshots below.
        await lines.SaveAsync(new LineSettings
        {
            Number = 1, Label = "Reception", User = "2001", DisplayName = "Front desk, ground floor", RegistrarHost = LongHost,
            PbxProfileId = profile.Id, Password = "secret",
        });
        await lines.SaveAsync(new LineSettings { Number = 2, Label = "Sales", User = "2002", RegistrarHost = "pbx.example.com" });
        await lines.SaveAsync(new LineSettings { Number = 3, Label = LongLabel, User = "+4930123456789", RegistrarHost = LongHost });

        var at = DateTimeOffset.Now.AddMinutes(-3);
        var one = LineStatuses.Registered(1, "Reception", "2001") with
        {
            RegistrationDetail = "200 OK", RegisteredUntil = at.AddHours(1), SubscriptionDetail = "202 Accepted", SubscriptionExpires = at.AddHours(1),
        };
        one = one with
        {
            Features = one.Features
                .With(new FeatureState(FeatureKind.Dnd, true, null, null, FeatureStanding.Confirmed, FeatureOrigin.Server, at))
                .With(new FeatureState(FeatureKind.ForwardAlways, false, null, null, FeatureStanding.Confirmed, FeatureOrigin.Server, at))
                .With(new FeatureState(FeatureKind.ForwardBusy, true, LongTarget, null, FeatureStanding.Pending, FeatureOrigin.Web, at.AddMinutes(2)))
                .With(new FeatureState(FeatureKind.ForwardNoAnswer, true, "3000", 3, FeatureStanding.Confirmed, FeatureOrigin.Server, at)),
        };
        factory.Feed.Publish(one);
        var two = LineStatuses.Registered(2, "Sales", "2002") with
        {
            FeatureSync = false, Method = SyncMethod.FeatureCodes, Subscription = SubscriptionStatus.NotUsed, SubscriptionExpires = null,
            RegisteredUntil = at.AddHours(1),
        };
        two = two with
        {
            Features = LineFeatureState.Initial(2, at)
                .With(new FeatureState(FeatureKind.ForwardAlways, true, "2500", null, FeatureStanding.SentUnconfirmed, FeatureOrigin.Web, at)),
        };
        factory.Feed.Publish(two);
        // A line that fails to register, with a long label, user and detail.
        factory.Feed.Publish(LineStatuses.Registered(3, LongLabel, "+4930123456789") with
        {
            Registration = RegistrationState.Failed, RegisteredUntil = null,
            RegistrationDetail = "403 Forbidden (authentication failed for +4930123456789@" + LongHost + ")",
            Subscription = SubscriptionStatus.NotUsed, SubscriptionExpires = null,
            Features = LineFeatureState.Initial(3, at)
                .With(new FeatureState(FeatureKind.ForwardAlways, true, LongTarget, null, FeatureStanding.Failed, FeatureOrigin.Web, at)),
        });

        var log = services.GetRequiredService<SyncLogRepository>();
        await log.AppendAsync(new(at, 1, SyncLogKind.Registration, FeatureOrigin.Phone, SyncOutcome.Success, "Registered for 3600 s"));
        await log.AppendAsync(new(at, 1, SyncLogKind.Subscription, FeatureOrigin.Phone, SyncOutcome.Success, "as-feature-event subscription active"));
        await log.AppendAsync(new(at.AddSeconds(1), 1, SyncLogKind.Feature, FeatureOrigin.Server, SyncOutcome.Success, "DND on (NOTIFY)"));
        var trace = services.GetRequiredService<SipTraceRepository>();
        await trace.AppendAsync(new(at, 1, SipTraceDirection.Out, "192.0.2.10:5060", "SUBSCRIBE sip:2001@pbx.example.com SIP/2.0",
            "SUBSCRIBE sip:2001@pbx.example.com SIP/2.0\r\nFrom: <sip:2001@pbx.example.com>;tag=a1\r\nTo: <sip:2001@pbx.example.com>\r\n" +
            "Call-ID: 7f3a@192.0.2.20\r\nCSeq: 1 SUBSCRIBE\r\nEvent: as-feature-event\r\nExpires: 3600\r\n\r\n"));
        await trace.AppendAsync(new(at.AddMilliseconds(40), 1, SipTraceDirection.In, "192.0.2.10:5060", "SIP/2.0 200 OK",
            "SIP/2.0 200 OK\r\nFrom: <sip:2001@pbx.example.com>;tag=a1\r\nTo: <sip:2001@pbx.example.com>;tag=b7\r\n" +
            "Call-ID: 7f3a@192.0.2.20\r\nCSeq: 1 SUBSCRIBE\r\nExpires: 3600\r\n\r\n"));
        await trace.AppendAsync(new(at.AddMilliseconds(90), 1, SipTraceDirection.In, "192.0.2.10:5060", "NOTIFY sip:2001@192.0.2.20:5060 SIP/2.0",
            "NOTIFY sip:2001@192.0.2.20:5060 SIP/2.0\r\nFrom: <sip:2001@pbx.example.com>;tag=b7\r\nTo: <sip:2001@pbx.example.com>;tag=a1\r\n" +
            "Call-ID: 7f3a@192.0.2.20\r\nCSeq: 2 NOTIFY\r\nEvent: as-feature-event\r\nSubscription-State: active;expires=3600\r\n" +
            "Content-Type: application/x-as-feature-event+xml\r\n\r\n" +
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<DoNotDisturbEvent xmlns=\"http://www.ecma-international.org/standards/ecma-323/csta/ed3\">\n" +
            "  <device>2001</device>\n  <doNotDisturbOn>true</doNotDisturbOn>\n</DoNotDisturbEvent>\n"));
    }

    /// <summary>On the troubleshooting page: selects the seeded NOTIFY (the last message) and opens its XML body.</summary>
    public static async Task OpenNotifyBodyAsync(IPage page)
    {
        await page.GetByTestId("ladder-entry").Last.GetByTestId("arrow").ClickAsync();
        await page.GetByTestId("body-toggle").ClickAsync();
        await Assertions.Expect(page.GetByTestId("body")).ToBeVisibleAsync(new() { Timeout = BrowserSession.Bound });
    }
}
