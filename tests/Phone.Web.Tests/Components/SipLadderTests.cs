using System.Globalization;
using System.Resources;
using Bunit;
using Phone.SipCore.Transport;
using Phone.Storage.Traces;
using Phone.TestSupport;
using Phone.Web.Components.Pages.Troubleshooting;

namespace Phone.Web.Tests.Components;

/// <summary>The ladder: time order, a column per party, arrows with labels and deltas, dialog highlight, body on demand.</summary>
public sealed class SipLadderTests : ComponentTestContext
{
    private const string Server = "UDP:192.0.2.1:5060";
    private const string Other = "UDP:192.0.2.77:5080";
    private const string Local = "UDP:192.0.2.9:5060";

    private static SipTraceEntry Entry(long id, double seconds, SipTraceDirection direction, string remote, string firstLine, string callId, string body = "") =>
        new(LineStatuses.At.AddSeconds(seconds), 1, direction, remote, firstLine,
            $"{firstLine}\r\nCall-ID: {callId}\r\nCSeq: 1 X\r\n\r\n{body}")
        { Id = id, LocalEndpoint = Local };

    // Newest first, as the page holds them.
    private static readonly SipTraceEntry[] NewestFirst =
    [
        Entry(6, 127.254, SipTraceDirection.In, Other, "OPTIONS sip:2001@192.0.2.9 SIP/2.0", "probe"),
        Entry(5, 2.254, SipTraceDirection.Out, Server, "SIP/2.0 200 OK", "sub"),
        Entry(4, 1.004, SipTraceDirection.In, Server, "NOTIFY sip:2001@192.0.2.9 SIP/2.0", "sub", "<doNotDisturbOn>true</doNotDisturbOn>"),
        Entry(3, 0.004, SipTraceDirection.Out, Server, "SUBSCRIBE sip:2001@example.com SIP/2.0", "sub"),
        Entry(2, 0.003, SipTraceDirection.In, Server, "SIP/2.0 401 Unauthorized", "reg"),
        Entry(1, 0, SipTraceDirection.Out, Server, "REGISTER sip:example.com SIP/2.0", "reg"),
    ];

    private IRenderedComponent<SipLadder> RenderLadder() => Render<SipLadder>(p => p.Add(c => c.Entries, NewestFirst));

    [Fact]
    public void Messages_run_top_down_in_time_order_between_one_column_per_party()
    {
        var ladder = RenderLadder();

        var parties = ladder.FindAll("[data-testid='ladder-party']");
        Assert.Equal(["Phone 192.0.2.9:5060", "Server 192.0.2.1:5060", "Other party 192.0.2.77:5080"],
            parties.Select(p => $"{p.QuerySelector("strong")!.TextContent} {p.QuerySelector("span")!.TextContent}"));
        var rows = ladder.FindAll("[data-testid='ladder-entry']");
        Assert.Equal(["REGISTER", "401 Unauthorized", "SUBSCRIBE", "NOTIFY", "200 OK", "OPTIONS"],
            rows.Select(r => r.QuerySelector("[data-testid='arrow-label']")!.TextContent));
        // Sent: phone (0) to the server (1), pointing right; received: towards the phone, pointing left.
        Assert.Equal(["0>1 right", "1>0 left", "0>1 right", "1>0 left", "0>1 right", "2>0 left"],
            rows.Select(r => $"{r.GetAttribute("data-from")}>{r.GetAttribute("data-to")} {r.GetAttribute("data-direction")}"));
        // The OPTIONS arrow spans from the other party's column back across the server's to the phone's.
        Assert.Contains("grid-column: 2 / span 3", rows[5].QuerySelector("[data-testid='arrow']")!.GetAttribute("style"), StringComparison.Ordinal);
    }

    [Fact]
    public void Each_arrow_shows_the_time_since_the_previous_message()
    {
        var ladder = RenderLadder();

        Assert.Equal(["", "+3 ms", "+1 ms", "+1.000 s", "+1.250 s", "+2 min 5 s"],
            ladder.FindAll("[data-testid='delta']").Select(d => d.TextContent));
    }

    [Fact]
    public void Clicking_a_message_highlights_its_dialog_and_opens_its_headers_with_the_body_collapsed()
    {
        var ladder = RenderLadder();
        Assert.Empty(ladder.FindAll(".ladder-row.related"));
        Assert.Empty(ladder.FindAll("[data-testid='ladder-detail']"));

        ladder.FindAll("[data-testid='arrow']")[3].Click();

        var rows = ladder.FindAll("[data-testid='ladder-entry']");
        Assert.Equal([false, false, true, true, true, false], rows.Select(r => r.ClassList.Contains("related")));
        Assert.Equal([false, false, false, true, false, false], rows.Select(r => r.ClassList.Contains("selected")));
        Assert.Equal("true", rows[3].QuerySelector("[data-testid='arrow']")!.GetAttribute("aria-pressed"));
        var detail = ladder.Find("[data-testid='ladder-detail']");
        Assert.Equal("NOTIFY sip:2001@192.0.2.9 SIP/2.0", detail.QuerySelector("[data-testid='first-line']")!.TextContent);
        Assert.Contains("sub", detail.QuerySelector("dl.headers")!.TextContent, StringComparison.Ordinal);
        Assert.Empty(ladder.FindAll("[data-testid='body']"));

        ladder.Find("[data-testid='body-toggle']").Click();
        Assert.Equal("<doNotDisturbOn>true</doNotDisturbOn>", ladder.Find("[data-testid='body']").TextContent);
        Assert.Empty(ladder.FindAll("doNotDisturbOn"));
        ladder.Find("[data-testid='body-toggle']").Click();
        Assert.Empty(ladder.FindAll("[data-testid='body']"));

        // Another dialog: the highlight moves; a message without a body has no toggle.
        ladder.FindAll("[data-testid='arrow']")[0].Click();
        rows = ladder.FindAll("[data-testid='ladder-entry']");
        Assert.Equal([true, true, false, false, false, false], rows.Select(r => r.ClassList.Contains("related")));
        Assert.Empty(ladder.FindAll("[data-testid='body-toggle']"));

        // Clicking the chosen message again clears the highlight.
        ladder.FindAll("[data-testid='arrow']")[0].Click();
        Assert.Empty(ladder.FindAll(".ladder-row.related"));
    }

    [Fact]
    public void In_chinese_the_parties_and_deltas_are_in_chinese_and_every_key_exists_in_both_languages()
    {
        var before = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("zh-CN");
        try
        {
            var ladder = RenderLadder();

            Assert.StartsWith("话机", ladder.FindAll("[data-testid='ladder-party']")[0].TextContent.Trim(), StringComparison.Ordinal);
            Assert.Equal("+3 毫秒", ladder.FindAll("[data-testid='delta']")[1].TextContent);
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }

        var resources = new ResourceManager("Phone.Web.Resources.LadderText", typeof(Phone.Web.Resources.LadderText).Assembly);
        var english = resources.GetResourceSet(CultureInfo.InvariantCulture, createIfNotExists: true, tryParents: false)!
            .Cast<System.Collections.DictionaryEntry>().Select(e => (string)e.Key).Order().ToList();
        var chinese = resources.GetResourceSet(CultureInfo.GetCultureInfo("zh-CN"), createIfNotExists: true, tryParents: false)!
            .Cast<System.Collections.DictionaryEntry>().Select(e => (string)e.Key).Order().ToList();
        Assert.NotEmpty(english);
        Assert.Equal(english, chinese);
    }

    [Fact]
    public void No_messages_says_so()
    {
        var ladder = Render<SipLadder>(p => p.Add(c => c.Entries, []));

        Assert.Equal("No SIP messages.", ladder.Find("[data-testid='ladder-empty']").TextContent);
    }
}
