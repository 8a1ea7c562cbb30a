using System.IO.Compression;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Phone.TestSupport;

namespace Phone.Web.Tests.Api;

/// <summary>
/// <c>POST /api/lines/{n}/diagnose</c> and the report download, against the real app whose line 1 points at a
/// loopback UDP socket that receives and never answers: a real diagnosis with a real verdict.
/// </summary>
public sealed class DiagnosisApiTests : IDisposable
{
    private readonly Socket _silentServer = new(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
    private readonly PhoneWebFactory _factory = new();

    public DiagnosisApiTests() => _silentServer.Bind(new IPEndPoint(IPAddress.Loopback, 0));

    private int SilentPort => ((IPEndPoint)_silentServer.LocalEndPoint!).Port;

    private async Task<HttpClient> ClientWithLineOneAsync()
    {
        var client = _factory.CreateAdminClient();
        var saved = await client.PutJsonAsync("/api/lines/1", new
        {
            enabled = true, label = "Desk", user = "2001", registrar = "127.0.0.1", port = SilentPort, transport = "udp", expires = 600,
        });
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        return client;
    }

    private static Task<HttpResponseMessage> DiagnoseAsync(HttpClient client, int line, string? body, string? language = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/lines/{line}/diagnose");
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }
        if (language is not null)
        {
            request.Headers.AcceptLanguage.ParseAdd(language);
        }
        return client.SendAsync(request);
    }

    [Fact]
    public async Task A_server_that_never_answers_gives_the_unreachable_verdict_in_english_with_its_steps_and_ladder_links()
    {
        using var client = await ClientWithLineOneAsync();

        var response = await DiagnoseAsync(client, 1, null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = await response.ReadNodeAsync();
        Assert.False((bool)json["ok"]!);
        Assert.Equal("unreachable", (string)json["verdictCode"]!);
        Assert.StartsWith($"The server does not answer at UDP 127.0.0.1:{SilentPort}", (string)json["verdict"]!);
        var step = json["steps"]!.AsArray().Single()!;
        Assert.Equal(("Registration", false), ((string)step["name"]!, (bool)step["ok"]!));
        Assert.StartsWith("No answer from the server at", (string)step["detail"]!);
        var link = (string)step["messages"]![0]!["href"]!;
        Assert.StartsWith("/troubleshooting?line=1&callId=", link);
    }

    [Fact]
    public async Task Accept_language_zh_CN_gives_the_verdict_and_steps_in_chinese()
    {
        using var client = await ClientWithLineOneAsync();

        var json = await (await DiagnoseAsync(client, 1, """{"roundTrip": false}""", "zh-CN,zh;q=0.9")).ReadNodeAsync();

        Assert.StartsWith($"服务器 UDP 127.0.0.1:{SilentPort} 没有应答", (string)json["verdict"]!);
        Assert.Equal("注册", (string)json["steps"]![0]!["name"]!);
    }

    [Fact]
    public async Task An_unknown_line_is_404_and_a_disabled_line_409()
    {
        using var client = _factory.CreateAdminClient();

        Assert.Equal(HttpStatusCode.NotFound, (await DiagnoseAsync(client, 40, null)).StatusCode);
        var disabled = await DiagnoseAsync(client, 2, null); // lines are disabled until configured
        Assert.Equal(HttpStatusCode.Conflict, disabled.StatusCode);
        Assert.Contains("Line 2 is disabled", (string)(await disabled.ReadNodeAsync())["detail"]!);
    }

    [Theory]
    [InlineData("""{"roundTrip": "yes"}""", "roundTrip")]
    [InlineData("""{"testCode": "dial 78"}""", "testCode")]
    public async Task A_bad_body_is_400_naming_the_field(string body, string field)
    {
        using var client = _factory.CreateAdminClient();

        var response = await DiagnoseAsync(client, 1, body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull((await response.ReadNodeAsync())["errors"]![field]);
    }

    [Fact]
    public async Task The_report_zip_holds_the_verdict_the_sync_log_the_trace_and_a_capture_of_the_last_diagnosis()
    {
        using var client = await ClientWithLineOneAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/lines/1/diagnose/report.zip")).StatusCode);
        await DiagnoseAsync(client, 1, null);

        var response = await client.GetAsync("/api/lines/1/diagnose/report.zip");

        Assert.Equal("application/zip", response.Content.Headers.ContentType!.MediaType);
        using var zip = new ZipArchive(await response.Content.ReadAsStreamAsync());
        Assert.Equal(["capture.pcap", "report.txt", "sync-log.txt", "trace.txt"], zip.Entries.Select(e => e.FullName).Order());
        Assert.Contains("The server does not answer at", Read(zip, "report.txt"));
        // The REGISTERs that went unanswered are in the trace (the trace is written by a background writer).
        Assert.Contains("REGISTER sip:127.0.0.1", Read(zip, "trace.txt"));
        // The capture holds the same messages, as tshark dissects them.
        var capture = Path.Combine(Path.GetTempPath(), $"featuresync-report-{Guid.NewGuid():N}.pcap");
        try
        {
            using (var file = File.Create(capture))
            {
                await zip.GetEntry("capture.pcap")!.Open().CopyToAsync(file);
            }
            Assert.Contains("REGISTER", await Tshark.SipSequenceAsync(capture));
        }
        finally
        {
            File.Delete(capture);
        }
    }

    private static string Read(ZipArchive zip, string name)
    {
        using var reader = new StreamReader(zip.GetEntry(name)!.Open());
        return reader.ReadToEnd();
    }

    public void Dispose()
    {
        _factory.Dispose();
        _silentServer.Dispose();
    }
}
