using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Phone.E2E.Tests.Browser;
using Phone.Storage.Traces;
using Phone.TestSupport;
using Phone.Web.Components.Pages.Troubleshooting;

namespace Phone.E2E.Tests.Capture;

/// <summary>
/// The Troubleshooting page in Debian's Chromium after real traffic: the ladder in time order
/// with the phone and the server as columns, a dialog highlighted by a click, a body opened on
/// demand, no sideways page scrolling at 1280 and 390 px, the same in Chinese, and the capture
/// downloaded through the button and read by tshark.
/// </summary>
[Collection(ChromiumCollection.Name)]
public sealed partial class LadderBrowserTests(ChromiumFixture chromium)
{
    [Fact]
    public async Task Walk_the_ladder_of_real_traffic_in_english_and_chinese_and_download_the_capture()
    {
        await using var traffic = await TwoLineTraffic.StartAsync(realServer: true);
        var baseAddress = traffic.BaseAddress!;
        var stored = (await traffic.Factory.Services.GetRequiredService<SipTraceRepository>().GetRecentAsync(1, TroubleshootingPage.Recent))
            .OrderBy(e => e.Time).ThenBy(e => e.Id).ToList();
        await using var context = await chromium.Browser.NewContextAsync(new()
        {
            Locale = "en-US", AcceptDownloads = true, ViewportSize = new() { Width = 1280, Height = 800 },
        });
        var page = await context.NewPageAsync();
        await BrowserSession.SignInAsync(page, baseAddress, "/troubleshooting/1");
        await BrowserSession.WaitInteractiveAsync(page);

        // Time order top-down, the phone and the simulator as columns.
        var rows = page.GetByTestId("ladder-entry");
        await Assertions.Expect(rows).ToHaveCountAsync(stored.Count, new() { Timeout = BrowserSession.Bound });
        Assert.Equal(stored.Select(e => LadderModel.LabelOf(e.FirstLine)), await page.GetByTestId("arrow-label").AllTextContentsAsync());
        var parties = page.GetByTestId("ladder-party");
        await Assertions.Expect(parties).ToHaveCountAsync(2);
        await Assertions.Expect(parties.Nth(0)).ToContainTextAsync("Phone");
        await Assertions.Expect(parties.Nth(1)).ToContainTextAsync("Server");
        await Assertions.Expect(parties.Nth(1)).ToContainTextAsync($"127.0.0.1:{traffic.Simulator.EndPoint.Port}");
        Assert.Equal(stored.Select(e => e.Direction == Phone.SipCore.Transport.SipTraceDirection.Out ? "right" : "left"),
            await rows.EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.direction)"));
        Assert.Matches(DeltaEnglish(), await rows.Nth(1).GetByTestId("delta").TextContentAsync());
        await AssertNoSidewaysScrollAsync(page);

        // The SUBSCRIBE's dialog lights up together; the NOTIFY's body opens on demand.
        var subscribe = stored.FindIndex(e => e.FirstLine.StartsWith("SUBSCRIBE ", StringComparison.Ordinal));
        var notify = stored.FindIndex(e => e.FirstLine.StartsWith("NOTIFY ", StringComparison.Ordinal));
        await rows.Nth(subscribe).GetByTestId("arrow").ClickAsync();
        var callId = await rows.Nth(subscribe).GetAttributeAsync("data-call-id");
        await Assertions.Expect(page.Locator(".ladder-row.related")).ToHaveCountAsync(
            stored.Count(e => e.Text.Contains($"Call-ID: {callId}", StringComparison.OrdinalIgnoreCase)));
        await Assertions.Expect(rows.Nth(notify)).ToHaveClassAsync(new Regex(@"\brelated\b"));
        await rows.Nth(notify).GetByTestId("arrow").ClickAsync();
        await Assertions.Expect(page.GetByTestId("ladder-detail").GetByTestId("first-line")).ToHaveTextAsync(stored[notify].FirstLine);
        await Assertions.Expect(page.GetByTestId("body")).ToHaveCountAsync(0);
        await page.GetByTestId("body-toggle").ClickAsync();
        await Assertions.Expect(page.GetByTestId("body")).ToContainTextAsync("<");

        await page.SetViewportSizeAsync(390, 844);
        await AssertNoSidewaysScrollAsync(page);
        await page.SetViewportSizeAsync(1280, 800);

        // The capture through the button: the server's file name, tshark reads the ladder's messages.
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("download-pcap").ClickAsync());
        Assert.Matches(@"^featuresync-line1-\d{8}-\d{6}Z\.pcap$", download.SuggestedFilename);
        var sequence = await Tshark.SipSequenceAsync((await download.PathAsync())!);
        var current = (await traffic.Factory.Services.GetRequiredService<SipTraceRepository>().GetRecentAsync(1, 5000)).Reverse();
        Assert.Equal(current.Select(e => LadderModel.LabelOf(e.FirstLine).Split(' ')[0]), sequence);

        // In Chinese: the same ladder, its own words.
        await page.GetByTestId("lang-zh").ClickAsync();
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "zh-CN", new() { Timeout = BrowserSession.Bound });
        await BrowserSession.WaitInteractiveAsync(page);
        await Assertions.Expect(parties.Nth(0)).ToContainTextAsync("话机");
        await Assertions.Expect(parties.Nth(1)).ToContainTextAsync("服务器");
        await Assertions.Expect(page.GetByTestId("download-pcap")).ToHaveTextAsync("下载抓包文件 (pcap)");
        Assert.Matches(DeltaChinese(), await rows.Nth(1).GetByTestId("delta").TextContentAsync());
        await rows.Nth(subscribe).GetByTestId("arrow").ClickAsync();
        await Assertions.Expect(page.Locator(".ladder-row.related").First).ToBeVisibleAsync();
        await page.SetViewportSizeAsync(390, 844);
        await AssertNoSidewaysScrollAsync(page);
    }

    private static async Task AssertNoSidewaysScrollAsync(IPage page)
    {
        // On failure, name the elements that stick out of a parent that fits.
        var wide = await page.EvaluateAsync<string>("""
            () => document.documentElement.scrollWidth <= window.innerWidth ? "" :
                [...document.querySelectorAll("body *")].filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)
                    .filter(e => !e.parentElement || e.parentElement.getBoundingClientRect().right <= window.innerWidth + 1).slice(0, 6).map(e => `${e.tagName.toLowerCase()}.${e.className}[${e.dataset.testid ?? ""}] ${Math.round(e.getBoundingClientRect().right)}`).join("; ")
            """);
        Assert.True(wide.Length == 0, $"The page scrolls sideways at {page.ViewportSize?.Width} px: {wide}");
    }

    [GeneratedRegex(@"^\+(\d+ ms|\d+\.\d{3} s|\d+ min \d+ s)$")]
    private static partial Regex DeltaEnglish();

    [GeneratedRegex(@"^\+(\d+ 毫秒|\d+\.\d{3} 秒|\d+ 分 \d+ 秒)$")]
    private static partial Regex DeltaChinese();
}
