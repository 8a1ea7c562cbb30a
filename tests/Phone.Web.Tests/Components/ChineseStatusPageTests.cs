using System.Globalization;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Phone.SipCore.FeatureSync.Model;
using Phone.SipCore.Lines;
using Phone.SipCore.SyncLog;
using Phone.TestSupport;
using Phone.Web.Components.Pages.Status;

namespace Phone.Web.Tests.Components;

/// <summary>
/// The Status page in zh-CN: what the SIP core reports as phrases (registration and subscription
/// details, a feature's detail, a refused change) is Chinese, and protocol details stay verbatim.
/// </summary>
public sealed class ChineseStatusPageTests : ComponentTestContext
{
    private readonly CultureInfo _culture = CultureInfo.CurrentCulture;
    private readonly CultureInfo _uiCulture = CultureInfo.CurrentUICulture;

    public ChineseStatusPageTests()
    {
        // As a line without a sync path refuses (FeatureRouting.NoPathMessage).
        Changes.Refusal = (line, wish) => FeatureChangeResult.Refused(StatusPhrase.Of(StatusPhraseCode.NoSyncPath, SyncLogArg.Text(line),
            SyncLogArg.Feature(wish.Kind), SyncLogArg.Text("FortiVoice"), SyncLogArg.Text("forti-dnd"),
            SyncLogArg.ValueOf(FeatureKind.Dnd, wish.Value)));
    }

    [Fact]
    public async Task Status_details_feature_details_and_refusals_are_Chinese()
    {
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("zh-CN");
        var page = Render<StatusPage>();
        page.WaitForElement("[data-testid='no-lines']");
        var line = LineStatuses.Registered(4).WithDnd(false, FeatureStanding.Rejected);
        var kept = StatusPhrase.Detail(StatusPhraseCode.ServerKept,
            SyncLogArg.ValueOf(FeatureKind.Dnd, new FeatureValue(false)), SyncLogArg.ValueOf(FeatureKind.Dnd, new FeatureValue(true)));
        var retry = StatusPhrase.Detail(StatusPhraseCode.RetryInSeconds,
            SyncLogArg.Phrase(StatusPhrase.Of(StatusPhraseCode.TerminatedBecause, SyncLogArg.Text("timeout"))), SyncLogArg.Text(30));
        await Task.Run(() => Services.GetRequiredService<LineStatusFeed>().Publish(line with
        {
            RegistrationDetail = StatusPhrase.Detail(StatusPhraseCode.AccountIncomplete),
            Subscription = SubscriptionStatus.Terminated,
            SubscriptionDetail = retry,
            Features = line.Features.With(line.Features.Dnd with { Detail = kept }),
        }));

        page.WaitForElement("[data-testid='feature-4-dnd'] [data-testid='toggle']", TimeSpan.FromSeconds(5)).Click();

        page.WaitForAssertion(() => Assert.Equal(
            "线路 4：无法发送免打扰：FortiVoice 的订阅（forti-dnd）不可用，且配置“FortiVoice”没有对应的功能码；请在 PBX 配置页面填写免打扰（开启）的功能码。",
            page.Find("[data-testid='feature-4-dnd'] [data-testid='error']").TextContent), TimeSpan.FromSeconds(5));
        Assert.Equal("未设置用户或注册服务器", page.Find("[data-testid='line-4'] [data-testid='registration-detail']").TextContent.Trim());
        // A nested phrase, and the Subscription-State reason as the server wrote it (RFC 6665 4.1.3).
        Assert.Equal("已终止（timeout）；30 秒后重试", page.Find("[data-testid='line-4'] [data-testid='subscription-detail']").TextContent.Trim());
        Assert.Equal("服务器保持“关闭”（请求的是“开启”）",
            page.Find("[data-testid='feature-4-dnd'] [data-testid='standing']").GetAttribute("title"));
    }

    [Fact]
    public async Task A_protocol_detail_stays_as_the_server_wrote_it()
    {
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("zh-CN");
        var page = Render<StatusPage>();
        page.WaitForElement("[data-testid='no-lines']");

        await Task.Run(() => Services.GetRequiredService<LineStatusFeed>().Publish(LineStatuses.Registered(4) with
        {
            Registration = RegistrationState.Failed,
            RegistrationDetail = "403 Forbidden",
        }));

        page.WaitForAssertion(() => Assert.Equal("403 Forbidden",
            page.Find("[data-testid='line-4'] [data-testid='registration-detail']").TextContent.Trim()), TimeSpan.FromSeconds(5));
    }

    protected override void Dispose(bool disposing)
    {
        CultureInfo.CurrentCulture = _culture;
        CultureInfo.CurrentUICulture = _uiCulture;
        base.Dispose(disposing);
    }
}
