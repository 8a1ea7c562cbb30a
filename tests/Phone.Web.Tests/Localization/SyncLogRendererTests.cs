using Microsoft.Extensions.DependencyInjection;
using Phone.SipCore.FeatureSync.Model;
using Phone.SipCore.Lines;
using Phone.SipCore.SyncLog;
using Phone.Storage.Logs;
using Phone.Web.Localization;

namespace Phone.Web.Tests.Localization;

/// <summary>The sync log's events, worded in English and Chinese.</summary>
public sealed class SyncLogRendererTests
{
    private readonly SyncLogRenderer _words = new ServiceCollection().AddLogging().AddLocalization()
        .AddSingleton<SyncLogRenderer>().AddSingleton<ValidationMessages>().BuildServiceProvider().GetRequiredService<SyncLogRenderer>();

    public static TheoryData<SyncLogCode> Codes() => [.. Enum.GetValues<SyncLogCode>()];

    [Theory]
    [MemberData(nameof(Codes))]
    public void Every_code_has_a_sentence_in_both_languages(SyncLogCode code)
    {
        var key = $"SyncLog.{code}";
        Assert.False(string.IsNullOrWhiteSpace(ResxFiles.Read("SyncLogText").GetValueOrDefault(key)), $"English {key}");
        Assert.False(string.IsNullOrWhiteSpace(ResxFiles.Read("SyncLogText", ResxFiles.Chinese).GetValueOrDefault(key)), $"Chinese {key}");
    }

    [Fact]
    public void The_issues_internal_names_become_plain_language_in_both_languages()
    {
        var waiting = SyncLogEvent.Of(SyncLogCode.SubscriptionWaitingForState);
        var dndOff = SyncLogEvent.About(SyncLogCode.FeatureReported, FeatureKind.Dnd, new FeatureValue(false));
        var registering = SyncLogEvent.Of(SyncLogCode.RegistrationRegistering);

        Assert.Equal("Subscribed; waiting for the server's first state", In("en", waiting));
        Assert.Equal("已订阅，等待服务器发送首个状态", In("zh-CN", waiting));
        Assert.Equal("Do not disturb off: set on the server", In("en", dndOff));
        Assert.Equal("免打扰关闭：服务器上的设置", In("zh-CN", dndOff));
        Assert.Equal("Registering with the server", In("en", registering));
        Assert.Equal("正在向服务器注册", In("zh-CN", registering));
    }

    [Fact]
    public void Values_origins_standings_and_details_are_worded_and_the_detail_follows_the_sentence()
    {
        var notDone = SyncLogEvent.About(SyncLogCode.FeatureNotDone, FeatureKind.ForwardNoAnswer, new FeatureValue(true, "1002", 3),
            SyncLogArg.Standing(FeatureStanding.NotConfirmed), SyncLogArg.Detail("no NOTIFY within 32 s"));
        var queued = SyncLogEvent.About(SyncLogCode.FeatureQueued, FeatureKind.ForwardAlways, new FeatureValue(true, "sip:a|b@pbx.test"),
            SyncLogArg.Origin(FeatureOrigin.Web));

        Assert.Equal("Forward on no answer on, to 1002 after 3 rings: not confirmed (no NOTIFY within 32 s)", In("en", notDone));
        Assert.Equal("无应答转移开启，响铃 3 声后转到 1002：未确认（no NOTIFY within 32 s）", In("zh-CN", notDone));
        Assert.Equal("Forward always on, to sip:a|b@pbx.test (web): waiting to be sent", In("en", queued));
        Assert.Equal("无条件转移开启，转到 sip:a|b@pbx.test（网页）：等待发送", In("zh-CN", queued));
    }

    public static TheoryData<StatusPhraseCode> PhraseCodes() => [.. Enum.GetValues<StatusPhraseCode>()];

    [Theory]
    [MemberData(nameof(PhraseCodes))]
    public void Every_status_phrase_has_a_text_in_both_languages(StatusPhraseCode code)
    {
        var key = $"Phrase.{code}";
        Assert.False(string.IsNullOrWhiteSpace(ResxFiles.Read("SyncLogText").GetValueOrDefault(key)), $"English {key}");
        Assert.False(string.IsNullOrWhiteSpace(ResxFiles.Read("SyncLogText", ResxFiles.Chinese).GetValueOrDefault(key)), $"Chinese {key}");
    }

    [Fact]
    public void A_detail_the_sip_core_reports_as_a_phrase_is_worded_in_brackets_with_the_sync_logs_values()
    {
        var kept = StatusPhrase.Detail(StatusPhraseCode.ServerKept, SyncLogArg.ValueOf(FeatureKind.ForwardAlways, new FeatureValue(false)),
            SyncLogArg.ValueOf(FeatureKind.ForwardAlways, new FeatureValue(true, "1002")));
        var rejected = SyncLogEvent.About(SyncLogCode.FeatureNotDone, FeatureKind.ForwardAlways, new FeatureValue(true, "1002"),
            SyncLogArg.Standing(FeatureStanding.Rejected), SyncLogArg.Detail(kept));
        var failed = SyncLogEvent.Of(SyncLogCode.SubscriptionFailed, SyncLogArg.Detail(StatusPhrase.Detail(StatusPhraseCode.RetryInSeconds,
            SyncLogArg.Text("486 Busy Here"), SyncLogArg.Text(30))));

        Assert.Equal("Forward always on, to 1002: rejected (server kept off (asked on, to 1002))", In("en", rejected));
        Assert.Equal("无条件转移开启，转到 1002：被拒绝（服务器保持“关闭”（请求的是“开启，转到 1002”））", In("zh-CN", rejected));
        // The SIP status line stays as the server wrote it; the words around it are Chinese.
        Assert.Equal("订阅失败，话机将重试（486 Busy Here；30 秒后重试）", In("zh-CN", failed));
    }

    [Fact]
    public void A_plain_detail_and_an_unknown_phrase_code_are_shown_as_they_are()
    {
        const string unknown = StatusPhrase.Prefix + "{\"code\":\"NoSuchCode\",\"args\":[]}";

        Assert.Equal("403 Forbidden", ResourceFileTests.In("zh-CN", () => _words.Detail("403 Forbidden")));
        Assert.Equal(unknown, ResourceFileTests.In("zh-CN", () => _words.Detail(unknown)));
        Assert.Null(_words.Detail(null));
    }

    [Fact]
    public void A_row_without_an_event_shows_its_stored_text()
    {
        var old = new SyncLogEntry(DateTimeOffset.UnixEpoch, 1, SyncLogKind.Subscription, FeatureOrigin.Server, SyncOutcome.Info,
            "subscription WaitingForState: accepted; waiting for the first NOTIFY");

        Assert.Equal(old.Text, ResourceFileTests.In("zh-CN", () => _words.Render(old)));
    }

    [Fact]
    public void A_refusal_words_each_validation_failure_by_its_code_and_placeholders()
    {
        var failures = new Phone.SipCore.Configuration.FeatureStateValidator().Validate(new FeatureState(FeatureKind.ForwardNoAnswer, true, "",
            25, FeatureStanding.Pending, FeatureOrigin.Web, DateTimeOffset.UnixEpoch)).Errors;
        var refusal = StatusPhrase.Of(StatusPhraseCode.InvalidChange, SyncLogArg.Text(3), ValidationArg.Of(failures));

        Assert.Equal("Line 3 refused the change: Target is required to switch a forward on. Ring Count must be from 0 to 20.",
            ResourceFileTests.In("en", () => _words.Render(refusal)));
        Assert.Equal("线路 3 拒绝了此更改：开启呼叫转移需要填写转移目标。响铃次数必须在 0 到 20 之间。",
            ResourceFileTests.In("zh-CN", () => _words.Render(refusal)));
    }

    private string In(string culture, SyncLogEvent logEvent) => ResourceFileTests.In(culture, () => _words.Render(logEvent));
}
