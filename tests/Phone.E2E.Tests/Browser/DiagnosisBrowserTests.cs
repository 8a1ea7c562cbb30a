using Microsoft.Playwright;
using Phone.TestSupport;
using Phone.Web.Demo;

namespace Phone.E2E.Tests.Browser;

/// <summary>Diagnose from the Status page in demo mode (the built-in simulator), in English and in Chinese.</summary>
[Collection(ChromiumCollection.Name)]
public sealed class DiagnosisBrowserTests(ChromiumFixture chromium)
{
    [Theory]
    [InlineData("en-US", "Feature sync works: the server confirmed DND in ", "Download the report")]
    [InlineData("zh-CN", "功能同步正常：服务器在 ", "下载报告")]
    public async Task A_diagnosis_with_a_round_trip_runs_from_the_status_page_and_says_it_works_in_the_page_s_language(
        string locale, string verdict, string download)
    {
        using var factory = new PhoneWebFactory(realServer: true).WithSetting(DemoMode.EnabledKey, "true");
        var baseAddress = factory.StartRealServer();
        await using var context = await chromium.Browser.NewContextAsync(new() { Locale = locale });
        var page = await context.NewPageAsync();
        await BrowserSession.SignInAsync(page, baseAddress, "/");
        await BrowserSession.WaitInteractiveAsync(page);
        var result = await BrowserSession.RunWorkingDiagnosisAsync(page, 1);
        await Assertions.Expect(result.GetByTestId("verdict")).ToContainTextAsync(verdict);
        await Assertions.Expect(result.Locator("li[data-step='roundTrip']")).ToHaveAttributeAsync("data-ok", "true");
        await Assertions.Expect(result.GetByTestId("diagnosis-download")).ToHaveTextAsync(download);
        var evidence = await result.Locator("li[data-step='subscription'] [data-testid='step-messages']").GetAttributeAsync("href");
        Assert.StartsWith("/troubleshooting?line=1&callId=", evidence);

        // The evidence link opens Troubleshooting on line 1 with the Call-ID as the filter: the ladder shows that dialog.
        await result.Locator("li[data-step='subscription'] [data-testid='step-messages']").ClickAsync();
        await BrowserSession.WaitForPathAsync(page, "/troubleshooting");
        await BrowserSession.WaitInteractiveAsync(page);
        var callId = Uri.UnescapeDataString(evidence!["/troubleshooting?line=1&callId=".Length..]);
        await Assertions.Expect(page.GetByTestId("line-select")).ToHaveValueAsync("1");
        await Assertions.Expect(page.GetByTestId("filter")).ToHaveValueAsync(callId);
        await Assertions.Expect(page.GetByTestId("ladder-entry").First).ToBeVisibleAsync(new() { Timeout = BrowserSession.Bound });
    }
}
