using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Phone.SipCore.Transport;
using Phone.Storage.Events;
using Phone.TestSupport;

namespace Phone.Web.Tests.Api;

/// <summary>A REGISTER's digest response reaches neither the trace API nor the Troubleshooting page and its export.</summary>
public sealed class TraceRedactionTests
{
    private const string Response = "6629fae49393a05397450978507c4ef1";

    private const string Register =
        "REGISTER sip:as.example.com SIP/2.0\r\n" +
        "Via: SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bK-3;rport\r\n" +
        "From: <sip:2001@as.example.com>;tag=a1\r\nTo: <sip:2001@as.example.com>\r\n" +
        "Call-ID: reg-2@192.0.2.10\r\nCSeq: 2 REGISTER\r\n" +
        "Authorization: Digest username=\"2001\", realm=\"as.example.com\", nonce=\"n0nce\", uri=\"sip:as.example.com\", " +
        "response=\"" + Response + "\", qop=auth, nc=00000001, cnonce=\"c0\"\r\n" +
        "Content-Length: 0\r\n\r\n";

    [Fact]
    public async Task The_trace_api_and_the_troubleshooting_export_show_no_response_hash()
    {
        using var factory = new PhoneWebFactory();
        using var client = await factory.CreateSignedInClientAsync();
        var sink = factory.Services.GetRequiredService<StorageEventSink>();
        sink.SipTrace(2, SipTraceDirection.Out, new SipEndPoint(SipTransportKind.Udp, new IPEndPoint(IPAddress.Parse("192.0.2.1"), 5060)),
            new SipEndPoint(SipTransportKind.Udp, new IPEndPoint(IPAddress.Parse("192.0.2.9"), 5060)), Encoding.UTF8.GetBytes(Register));
        await sink.FlushAsync();

        var api = await client.GetStringAsync("/api/lines/2/trace");
        var page = await client.GetStringAsync("/troubleshooting/2");

        var text = (string)System.Text.Json.Nodes.JsonNode.Parse(api)!.AsArray().Single()!["text"]!;
        Assert.Contains("username=\"2001\"", text);
        Assert.Contains("response=\"…\"", text);
        Assert.DoesNotContain(Response, api);
        var shown = Uri.UnescapeDataString(WebUtility.HtmlDecode(page));
        Assert.Contains("featuresync-line2-trace.txt", shown);
        Assert.Contains("response=\"…\"", shown); // in the export link's text
        Assert.DoesNotContain(Response, shown);
    }
}
