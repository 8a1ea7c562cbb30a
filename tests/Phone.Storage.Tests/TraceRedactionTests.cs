using System.Net;
using System.Text;
using Dapper;
using Phone.SipCore.Transport;
using Phone.Storage.Events;
using Phone.Storage.Traces;

namespace Phone.Storage.Tests;

/// <summary>No digest response, nonce or cnonce reaches the database in clear.</summary>
public sealed class TraceRedactionTests
{
    private const string Response = "6629fae49393a05397450978507c4ef1";
    private const string Nonce = "dcd98b7102dd2f0e8b11d0f600bfb0c093";
    private const string Cnonce = "0a4f113b";

    private const string Register =
        "REGISTER sip:as.example.com SIP/2.0\r\n" +
        "Via: SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bK-2;rport\r\n" +
        "From: <sip:2001@as.example.com>;tag=a1\r\nTo: <sip:2001@as.example.com>\r\n" +
        "Call-ID: reg-1@192.0.2.10\r\nCSeq: 2 REGISTER\r\n" +
        "Authorization: Digest username=\"2001\", realm=\"as.example.com\", nonce=\"" + Nonce + "\", uri=\"sip:as.example.com\", " +
        "response=\"" + Response + "\", algorithm=MD5, cnonce=\"" + Cnonce + "\", qop=auth, nc=00000001, opaque=\"5ccc069c\"\r\n" +
        "Content-Length: 0\r\n\r\n";

    [Fact]
    public async Task A_register_with_credentials_is_stored_with_its_secrets_redacted()
    {
        await using var storage = await TestStorage.StartAsync();
        var sink = storage.Get<StorageEventSink>();

        sink.SipTrace(1, SipTraceDirection.Out, new SipEndPoint(SipTransportKind.Udp, new IPEndPoint(IPAddress.Parse("192.0.2.1"), 5060)),
            new SipEndPoint(SipTransportKind.Udp, new IPEndPoint(IPAddress.Parse("192.0.2.9"), 5060)), Encoding.UTF8.GetBytes(Register));
        await sink.FlushAsync();

        // The row as stored, every column, read past the repository.
        using var connection = storage.Database.Open();
        var row = connection.QuerySingle("SELECT * FROM sip_trace");
        var columns = string.Join("\n", ((IDictionary<string, object?>)row).Values.Select(v => Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture)));
        Assert.DoesNotContain(Response, columns);
        Assert.DoesNotContain(Nonce, columns);
        Assert.DoesNotContain(Cnonce, columns);
        Assert.Contains("response=\"…\"", columns);
        Assert.Contains("username=\"2001\", realm=\"as.example.com\"", columns);
        Assert.Contains("opaque=\"5ccc069c\"", columns);

        var entry = Assert.Single(await storage.Get<SipTraceRepository>().GetRecentAsync(1, 10));
        Assert.Equal("REGISTER sip:as.example.com SIP/2.0", entry.FirstLine);
        Assert.Equal(Register.Replace(Response, "…", StringComparison.Ordinal).Replace(Nonce, "…", StringComparison.Ordinal)
            .Replace(Cnonce, "…", StringComparison.Ordinal), entry.Text);
    }

    [Fact]
    public async Task A_row_an_older_version_stored_in_clear_is_read_back_redacted()
    {
        await using var storage = await TestStorage.StartAsync();
        var trace = storage.Get<SipTraceRepository>();
        await trace.AppendAsync(new SipTraceEntry(DateTimeOffset.UnixEpoch, 1, SipTraceDirection.Out, "UDP:192.0.2.1:5060",
            "REGISTER sip:as.example.com SIP/2.0", Register));

        var entry = Assert.Single(await trace.GetRecentAsync(1, 10));

        Assert.DoesNotContain(Response, entry.Text);
        Assert.Contains("response=\"…\"", entry.Text);
    }
}
