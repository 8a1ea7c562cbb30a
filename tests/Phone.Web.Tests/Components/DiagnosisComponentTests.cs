using System.Globalization;
using Bunit;
using Phone.SipCore.Lines.Diagnosis;
using Phone.Web.Components.Diagnosis;
using Phone.Web.Diagnosis;
using D = Phone.SipCore.Lines.Diagnosis.DiagnosisCodes.Details;
using S = Phone.SipCore.Lines.Diagnosis.DiagnosisCodes.Steps;

namespace Phone.Web.Tests.Components;

public sealed class DiagnosisComponentTests : ComponentTestContext
{
    private static LineDiagnosis NotOffered() => new(1, false, DiagnosisCodes.Verdicts.NotOffered, ["2001", "489 Bad Event", "as-feature-event"],
    [
        new DiagnosisStep(S.Registration, true, D.Registered, ["200 OK"], ["abc@featuresync"]),
        new DiagnosisStep(S.Subscription, false, D.BadEvent, ["489 Bad Event"], ["def@featuresync"]),
    ], DateTimeOffset.UnixEpoch, TimeSpan.FromMilliseconds(120));

    [Fact]
    public void The_result_view_shows_the_verdict_each_step_its_ladder_link_and_the_report_download()
    {
        var view = Render<DiagnosisResultView>(p => p.Add(c => c.Result, Services.GetService<DiagnosisRenderer>()!.Render(NotOffered())));

        Assert.StartsWith("This server does not support as-feature-event for 2001 (489 Bad Event)", view.Find("[data-testid='verdict']").TextContent);
        Assert.Equal("false", view.Find("[data-testid='diagnosis-result']").GetAttribute("data-ok"));
        var subscription = view.Find("li[data-step='subscription']");
        Assert.Equal("false", subscription.GetAttribute("data-ok"));
        Assert.Contains("does not offer the package", subscription.TextContent);
        Assert.Equal("/troubleshooting?line=1&callId=def%40featuresync", subscription.QuerySelector("[data-testid='step-messages']")!.GetAttribute("href"));
        Assert.Equal("/api/lines/1/diagnose/report.zip", view.Find("[data-testid='diagnosis-download']").GetAttribute("href"));
    }

    [Fact]
    public void The_panel_runs_the_diagnosis_with_the_round_trip_ticked_and_shows_it_in_chinese()
    {
        var before = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("zh-CN");
        try
        {
            LineDiagnoses.Next = NotOffered();
            var panel = Render<DiagnosisPanel>(p => p.Add(c => c.Line, 3).Add(c => c.Interactive, true));

            panel.Find("[data-testid='round-trip']").Change(true);
            panel.Find("[data-testid='diagnose']").Click();

            Assert.Equal((3, new DiagnosisRequest(RoundTrip: true)), Assert.Single(LineDiagnoses.Asked));
            Assert.StartsWith("该服务器不为 2001 支持 as-feature-event", panel.Find("[data-testid='verdict']").TextContent);
            Assert.Equal("/api/lines/3/diagnose/report.zip", panel.Find("[data-testid='diagnosis-download']").GetAttribute("href"));
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }
    }

    [Fact]
    public void A_disabled_line_says_so_instead_of_a_verdict()
    {
        var panel = Render<DiagnosisPanel>(p => p.Add(c => c.Line, 2).Add(c => c.Interactive, true));

        panel.Find("[data-testid='diagnose']").Click();

        Assert.Contains("Line 2 is disabled", panel.Find("[data-testid='diagnosis-error']").TextContent);
        Assert.Empty(panel.FindAll("[data-testid='diagnosis-result']"));
    }
}
