using Phone.SipCore.Transport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
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
/// Visits every main page with realistic content and screenshots it. The pictures go to a
/// temporary folder; with <c>FEATURESYNC_SCREENSHOTS=1</c> they replace the README's
/// pictures in <c>docs/screenshots/</c> (an opt-in, so test runs never dirty the tree).
/// The Chinese picture needs a CJK font for Chromium (Debian: fonts-wqy-zenhei).
/// </summary>
[Collection(ChromiumCollection.Name)]
public sealed class ScreenshotTests(ChromiumFixture chromium)
{
    [Fact]
    public async Task Main_pages_render_and_are_captured()
    {
        using var factory = new PhoneWebFactory(realServer: true);
        var baseAddress = factory.StartRealServer();
        await SeedAsync(factory);
        var folder = Environment.GetEnvironmentVariable("FEATURESYNC_SCREENSHOTS") == "1"
            ? Path.Combine(RepositoryRoot.Path, "docs", "screenshots")
            : Path.Combine(factory.Root, "screenshots");
        Directory.CreateDirectory(folder);

        await using var context = await chromium.Browser.NewContextAsync(new()
        {
            ViewportSize = new() { Width = 1280, Height = 900 },
            Locale = "en-US",
        });
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(baseAddress, "login").ToString());
        await page.ScreenshotAsync(new() { Path = Path.Combine(folder, "login.png") });
        await BrowserSession.SignInAsync(page, baseAddress);

        await CaptureAsync(page, baseAddress, "", folder, "status.png", "feature-1-dnd");
        await CaptureAsync(page, baseAddress, "lines/1", folder, "lines.png", "save");
        await CaptureAsync(page, baseAddress, "profiles/1", folder, "profiles.png", "profile-editor");
        await CaptureAsync(page, baseAddress, "troubleshooting/1", folder, "troubleshooting.png", "ladder", async () =>
        {
            await page.GetByTestId("body-toggle").First.ClickAsync();
            await Assertions.Expect(page.GetByTestId("body").First).ToBeVisibleAsync();
        });
        await CaptureAsync(page, baseAddress, "config", folder, "config.png", "download", async () =>
        {
            // A file with one bad value: the page lists the error by line and changes nothing.
            await page.GetByTestId("upload").SetInputFilesAsync(new FilePayload
            {
                Name = "featuresync.cfg",
                MimeType = "text/plain",
                Buffer = System.Text.Encoding.UTF8.GetBytes("SIP1 Label :Reception\nSIP1 Port :99999\nPBX1 Seconds Per Ring :6\n"),
            });
            await Assertions.Expect(page.GetByTestId("upload-errors")).ToBeVisibleAsync(new() { Timeout = BrowserSession.Bound });
        });

        await page.GotoAsync(new Uri(baseAddress, "culture?name=zh-CN&returnUrl=%2F").ToString());
        await CaptureAsync(page, baseAddress, "", folder, "status-zh.png", "feature-1-dnd");

        foreach (var name in new[] { "login", "status", "lines", "profiles", "troubleshooting", "config", "status-zh" })
        {
            Assert.True(new FileInfo(Path.Combine(folder, name + ".png")).Length > 1000, name);
        }
    }

    private static async Task CaptureAsync(IPage page, Uri baseAddress, string path, string folder, string file, string waitFor,
        Func<Task>? prepare = null)
    {
        await page.GotoAsync(new Uri(baseAddress, path).ToString());
        await BrowserSession.WaitInteractiveAsync(page);
        await Assertions.Expect(page.GetByTestId(waitFor)).ToBeVisibleAsync(new() { Timeout = BrowserSession.Bound });
        if (prepare is not null)
        {
            await prepare();
        }
        await page.ScreenshotAsync(new() { Path = Path.Combine(folder, file), FullPage = true });
    }

    /// <summary>Two lines, a BroadWorks profile, a sync log and a short SIP exchange.</summary>
    private static async Task SeedAsync(PhoneWebFactory factory)
    {
        var services = factory.Services;
        var profile = await services.GetRequiredService<PbxProfileRepository>().CreateFromPresetAsync("BroadWorks");
        await services.GetRequiredService<PbxProfileRepository>().CreateFromPresetAsync("3CX");
        var lines = services.GetRequiredService<LineRepository>();
        // Stored disabled, so no SIP agent publishes over the snapshots below.
        await lines.SaveAsync(new LineSettings
        {
            Number = 1, Label = "Reception", User = "2001", DisplayName = "Front desk", RegistrarHost = "pbx.example.com",
            PbxProfileId = profile.Id, Password = "secret",
        });
        await lines.SaveAsync(new LineSettings { Number = 2, Label = "Sales", User = "2002", RegistrarHost = "pbx.example.com" });

        var at = DateTimeOffset.Now.AddMinutes(-3);
        var one = LineStatuses.Registered(1, "Reception", "2001") with { RegisteredUntil = at.AddHours(1), SubscriptionExpires = at.AddHours(1) };
        one = one with
        {
            Features = one.Features
                .With(new FeatureState(FeatureKind.Dnd, true, null, null, FeatureStanding.Confirmed, FeatureOrigin.Server, at))
                .With(new FeatureState(FeatureKind.ForwardAlways, false, null, null, FeatureStanding.Confirmed, FeatureOrigin.Server, at))
                .With(new FeatureState(FeatureKind.ForwardBusy, true, "2424", null, FeatureStanding.Pending, FeatureOrigin.Web, at.AddMinutes(2)))
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
}
