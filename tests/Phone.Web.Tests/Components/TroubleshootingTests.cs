using Phone.SipCore.Transport;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Phone.SipCore.FeatureSync.Model;
using Phone.SipCore.Lines;
using Phone.Storage.Logs;
using Phone.Storage.Traces;
using Phone.TestSupport;
using Phone.Web.Components.Pages.Troubleshooting;

namespace Phone.Web.Tests.Components;

public sealed class TroubleshootingTests : ComponentTestContext
{
    private const string Notify =
        "NOTIFY sip:2001@192.0.2.9 SIP/2.0\r\n" +
        "f: \"<script>alert(1)</script>\" <sip:server@192.0.2.1>;tag=1\r\n" +
        "To: <sip:2001@192.0.2.9>;tag=2\r\n" +
        "Call-ID: abc@192.0.2.1\r\n" +
        "CSeq: 7 NOTIFY\r\n" +
        "Event: as-feature-event\r\n" +
        "Subscription-State: active;expires=3600\r\n" +
        "Content-Type: application/x-as-feature-event+xml\r\n\r\n" +
        "<DoNotDisturbEvent><script>alert('body')</script><doNotDisturbOn>true</doNotDisturbOn></DoNotDisturbEvent>";

    [Fact]
    public void The_ladder_shows_key_headers_and_the_body_on_demand_all_as_text()
    {
        var entries = new[]
        {
            new SipTraceEntry(LineStatuses.At, 1, SipTraceDirection.In, "192.0.2.1:5060", "NOTIFY sip:2001@192.0.2.9 SIP/2.0", Notify) { Id = 1 },
        };
        var ladder = Render<SipLadder>(p => p.Add(c => c.Entries, entries));
        Assert.Equal("NOTIFY", ladder.Find("[data-testid='arrow-label']").TextContent);

        // The headers open with the message; the body stays collapsed until asked for.
        ladder.Find("[data-testid='arrow']").Click();

        Assert.Equal("NOTIFY sip:2001@192.0.2.9 SIP/2.0", ladder.Find("[data-testid='first-line']").TextContent);
        var headers = ladder.Find("dl.headers").TextContent;
        Assert.Contains("From", headers);
        Assert.Contains("Subscription-State", headers);
        Assert.Contains("active;expires=3600", headers);
        Assert.Empty(ladder.FindAll("[data-testid='body']"));

        ladder.Find("[data-testid='body-toggle']").Click();

        Assert.Contains("<script>alert('body')</script>", ladder.Find("[data-testid='body']").TextContent);
        Assert.Empty(ladder.FindAll("script"));
        Assert.Empty(ladder.FindAll("DoNotDisturbEvent"));
    }

    [Fact]
    public async Task Sync_log_text_with_a_script_tag_renders_as_text_and_the_filter_narrows_the_view()
    {
        var log = Services.GetRequiredService<SyncLogRepository>();
        var trace = Services.GetRequiredService<SipTraceRepository>();
        await log.AppendAsync(new(LineStatuses.At, 1, SyncLogKind.Feature, FeatureOrigin.Server, SyncOutcome.Success, "DND from <script>alert(2)</script>"));
        await log.AppendAsync(new(LineStatuses.At, 1, SyncLogKind.Registration, FeatureOrigin.Phone, SyncOutcome.Failed, "REGISTER timed out"));
        await trace.AppendAsync(new(LineStatuses.At, 1, SipTraceDirection.In, "192.0.2.1:5060", "NOTIFY sip:2001@192.0.2.9 SIP/2.0", Notify));

        var page = Render<TroubleshootingPage>(p => p.Add(c => c.Line, 1));

        Assert.Equal(2, page.FindAll("[data-testid='log-text']").Count);
        Assert.Contains(page.FindAll("[data-testid='log-text']"), t => t.TextContent == "DND from <script>alert(2)</script>");
        Assert.Empty(page.FindAll("script"));
        Assert.Single(page.FindAll("[data-testid='ladder-entry']"));

        page.Find("[data-testid='filter']").Input("timed out");

        Assert.Equal("REGISTER timed out", Assert.Single(page.FindAll("[data-testid='log-text']")).TextContent);
        Assert.Empty(page.FindAll("[data-testid='ladder-entry']"));
    }

    [Fact]
    public void The_page_shows_the_lines_refused_requests_and_the_stacks_drop_counts()
    {
        Diagnostics.Counts["MalformedHeader"] = 48_713;
        Diagnostics.Counts["InvalidVia"] = 12;
        Services.GetRequiredService<LineStatusFeed>().Publish(LineStatuses.Registered(1) with { RefusedRequests = 3 });
        Services.GetRequiredService<LineStatusFeed>().Publish(LineStatuses.Registered(2) with { RefusedRequests = 9 });

        var page = Render<TroubleshootingPage>(p => p.Add(c => c.Line, 1));

        Assert.Equal("3", page.Find("[data-testid='refused-count']").TextContent);
        var rows = page.FindAll("[data-testid='drop-reason']");
        Assert.Equal(["MalformedHeader", "InvalidVia"], rows.Select(r => r.GetAttribute("data-reason")));
        Assert.Equal("48713", rows[0].QuerySelector("[data-testid='drop-count']")!.TextContent);
        Assert.Empty(page.FindAll("[data-testid='drops-empty']"));
    }

    [Fact]
    public void Without_drops_the_page_says_so_and_a_line_with_no_status_shows_zero_refused()
    {
        var page = Render<TroubleshootingPage>(p => p.Add(c => c.Line, 4));

        Assert.Equal("0", page.Find("[data-testid='refused-count']").TextContent);
        Assert.Single(page.FindAll("[data-testid='drops-empty']"));
    }

    [Fact]
    public void Export_writes_every_message_oldest_first_as_plain_text()
    {
        var newestFirst = new[]
        {
            new SipTraceEntry(LineStatuses.At.AddSeconds(1), 1, SipTraceDirection.Out, "192.0.2.1:5060", "SIP/2.0 200 OK", "SIP/2.0 200 OK\r\n\r\n"),
            new SipTraceEntry(LineStatuses.At, 1, SipTraceDirection.In, "192.0.2.1:5060", "NOTIFY sip:a SIP/2.0", "NOTIFY sip:a SIP/2.0\r\n\r\n"),
        };

        var text = SipMessageSummary.Export(1, newestFirst);

        Assert.True(text.IndexOf("NOTIFY sip:a", StringComparison.Ordinal) < text.IndexOf("SIP/2.0 200 OK", StringComparison.Ordinal));
        Assert.Contains("<<< from 192.0.2.1:5060", text);
        Assert.Contains(">>> to 192.0.2.1:5060", text);
    }

    [Fact]
    public async Task A_diagnosis_evidence_link_opens_its_line_with_the_call_id_as_the_filter_and_the_ladder_shows_that_dialog()
    {
        var trace = Services.GetRequiredService<SipTraceRepository>();
        static string Message(string firstLine, string callId) => $"{firstLine}\r\nCall-ID: {callId}\r\nCSeq: 1 X\r\n\r\n";
        await trace.AppendAsync(new(LineStatuses.At, 2, SipTraceDirection.Out, "192.0.2.1:5060", "INVITE sip:*74@192.0.2.1 SIP/2.0",
            Message("INVITE sip:*74@192.0.2.1 SIP/2.0", "code@featuresync")));
        await trace.AppendAsync(new(LineStatuses.At.AddSeconds(1), 2, SipTraceDirection.In, "192.0.2.1:5060", "SIP/2.0 404 Not Found",
            Message("SIP/2.0 404 Not Found", "code@featuresync")));
        await trace.AppendAsync(new(LineStatuses.At, 2, SipTraceDirection.Out, "192.0.2.1:5060", "REGISTER sip:192.0.2.1 SIP/2.0",
            Message("REGISTER sip:192.0.2.1 SIP/2.0", "reg@featuresync")));
        await trace.AppendAsync(new(LineStatuses.At, 1, SipTraceDirection.Out, "192.0.2.1:5060", "OPTIONS sip:192.0.2.1 SIP/2.0",
            Message("OPTIONS sip:192.0.2.1 SIP/2.0", "code@featuresync")));
        // The very link a diagnosis step renders (DiagnosisMessageLink.For), opened as the browser would.
        Services.GetRequiredService<NavigationManager>().NavigateTo(Phone.Web.Diagnosis.DiagnosisMessageLink.For(2, "code@featuresync").Href);

        var page = Render<TroubleshootingPage>();

        Assert.Equal("2", page.Find("[data-testid='line-select']").GetAttribute("value"));
        Assert.Equal("code@featuresync", page.Find("[data-testid='filter']").GetAttribute("value"));
        var shown = page.FindAll("[data-testid='ladder-entry']");
        Assert.Equal(2, shown.Count);
        Assert.Contains(shown, e => e.TextContent.Contains("INVITE", StringComparison.Ordinal));
        Assert.Contains(shown, e => e.TextContent.Contains("404", StringComparison.Ordinal));
        Assert.DoesNotContain(shown, e => e.TextContent.Contains("REGISTER", StringComparison.Ordinal) || e.TextContent.Contains("OPTIONS", StringComparison.Ordinal));
    }
}
