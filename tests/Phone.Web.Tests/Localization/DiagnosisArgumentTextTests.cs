using Microsoft.Extensions.DependencyInjection;
using Phone.SipCore.FeatureSync.Model;
using Phone.SipCore.Lines.Diagnosis;
using Phone.SipCore.SyncLog;
using Phone.Web.Diagnosis;
using Phone.Web.Localization;

namespace Phone.Web.Tests.Localization;

/// <summary>A diagnosis' arguments that are SIP core details are worded as the sync log words them.</summary>
public sealed class DiagnosisArgumentTextTests
{
    private readonly DiagnosisRenderer _renderer = new ServiceCollection().AddLogging().AddLocalization()
        .AddSingleton<SyncLogRenderer>().AddSingleton<ValidationMessages>().AddSingleton<DiagnosisRenderer>().BuildServiceProvider().GetRequiredService<DiagnosisRenderer>();

    [Fact]
    public void A_refused_round_trip_says_what_the_server_kept_in_Chinese_and_keeps_the_status_line()
    {
        var kept = StatusPhrase.Detail(StatusPhraseCode.ServerKept,
            SyncLogArg.ValueOf(FeatureKind.Dnd, new FeatureValue(false)), SyncLogArg.ValueOf(FeatureKind.Dnd, new FeatureValue(true)));
        var diagnosis = new LineDiagnosis(1, false, DiagnosisCodes.Verdicts.ChangeRefused, ["2001", "486 Busy Here"],
            [new DiagnosisStep(DiagnosisCodes.Steps.RoundTrip, false, DiagnosisCodes.Details.RefusedByServer, ["120", kept], [])],
            DateTimeOffset.UnixEpoch, TimeSpan.FromMilliseconds(120));

        var chinese = ResourceFileTests.In("zh-CN", () => _renderer.Render(diagnosis));
        var english = ResourceFileTests.In("en", () => _renderer.Render(diagnosis));

        Assert.Equal("服务器在 120 毫秒后拒绝了免打扰更改：服务器保持“关闭”（请求的是“开启”）。", Assert.Single(chinese.Steps).Detail);
        Assert.Equal("The server refused the DND change after 120 ms: server kept off (asked on).", Assert.Single(english.Steps).Detail);
        Assert.Equal("服务器拒绝了 2001 的免打扰更改：486 Busy Here", chinese.Verdict);
    }
}
