using System.Globalization;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Phone.SipCore.FeatureSync.Model;
using Phone.SipCore.Lines;
using Phone.SipCore.SyncLog;
using Phone.Storage.Lines;
using Phone.Storage.Logs;
using Phone.TestSupport;
using Phone.Web.Components.Pages.Lines;
using Phone.Web.Components.Pages.Troubleshooting;

namespace Phone.Web.Tests.Components;

/// <summary>The pages in zh-CN: the shared validators' messages and the sync log are Chinese too.</summary>
public sealed class ChinesePageTests : ComponentTestContext
{
    private readonly CultureInfo _culture = CultureInfo.CurrentCulture;
    private readonly CultureInfo _uiCulture = CultureInfo.CurrentUICulture;

    /// <summary>As the request-localization middleware sets it for a zh-CN page (and its circuit).</summary>
    private static void UseChinese() => CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("zh-CN");

    [Fact]
    public async Task A_line_form_with_bad_input_shows_the_validation_messages_in_Chinese()
    {
        UseChinese();
        var view = (await Services.GetRequiredService<LineRepository>().GetAsync(1))!;
        var editor = Render<LineEditor>(p => p.Add(c => c.Line, view).Add(c => c.Profiles, []).Add(c => c.Interactive, true));

        editor.Find("[data-testid='enabled']").Change(true);
        editor.Find("[data-testid='port']").Change("70000");
        editor.Find("[data-testid='label']").Change("a\u0001b");
        editor.Find("form").Submit();

        Assert.Equal("已启用的线路必须填写用户名。", MessagesBeside(editor, "user"));
        Assert.Equal("已启用的线路必须填写注册服务器。", MessagesBeside(editor, "registrar"));
        Assert.Equal("端口必须在 1 到 65535 之间。", MessagesBeside(editor, "port"));
        Assert.Equal($"标签最多 {Phone.SipCore.Configuration.LineSettingsValidator.MaxTextLength} 个字符，且不能包含控制字符。", MessagesBeside(editor, "label"));
    }

    [Fact]
    public async Task The_sync_log_is_shown_in_Chinese_and_rows_from_before_keep_their_text()
    {
        UseChinese();
        var log = Services.GetRequiredService<SyncLogRepository>();
        await log.AppendAsync(new SyncLogEntry(LineStatuses.At, 1, SyncLogKind.Subscription, FeatureOrigin.Server, SyncOutcome.Info,
            "subscription WaitingForState: accepted; waiting for the first NOTIFY"));
        var waiting = SyncLogEvent.Of(SyncLogCode.SubscriptionWaitingForState);
        await log.AppendAsync(new SyncLogEntry(LineStatuses.At.AddSeconds(1), 1, SyncLogKind.Subscription, FeatureOrigin.Server,
            SyncOutcome.Info, waiting.ToString()) { Event = waiting });
        var dndOff = SyncLogEvent.About(SyncLogCode.FeatureReported, FeatureKind.Dnd, new FeatureValue(false));
        await log.AppendAsync(new SyncLogEntry(LineStatuses.At.AddSeconds(2), 1, SyncLogKind.Feature, FeatureOrigin.Server,
            SyncOutcome.Info, dndOff.ToString()) { Event = dndOff });

        var page = Render<TroubleshootingPage>(p => p.Add(c => c.Line, 1));

        var texts = page.FindAll("[data-testid='log-text']").Select(t => t.TextContent).ToList();
        Assert.Equal(["免打扰关闭：服务器上的设置", "已订阅，等待服务器发送首个状态", "subscription WaitingForState: accepted; waiting for the first NOTIFY"], texts);
        Assert.Contains("订阅", page.Find("[data-testid='sync-log']").TextContent);
        Assert.Contains("同步日志", page.Markup);

        page.Find("[data-testid='filter']").Input("免打扰");
        Assert.Equal("免打扰关闭：服务器上的设置", Assert.Single(page.FindAll("[data-testid='log-text']")).TextContent);
    }

    private static string MessagesBeside(IRenderedComponent<LineEditor> editor, string testId) =>
        string.Join(" ", editor.Find($"[data-testid='{testId}']").ParentElement!.QuerySelectorAll(".validation-message").Select(m => m.TextContent));

    protected override void Dispose(bool disposing)
    {
        CultureInfo.CurrentCulture = _culture;
        CultureInfo.CurrentUICulture = _uiCulture;
        base.Dispose(disposing);
    }
}
