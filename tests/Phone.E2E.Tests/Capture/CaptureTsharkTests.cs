using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Phone.Storage.Traces;
using Phone.TestSupport;
using Phone.Web.Components.Pages.Troubleshooting;

namespace Phone.E2E.Tests.Capture;

/// <summary>
/// The capture of real traffic, downloaded from the real API and read by Debian's tshark: the
/// methods and status codes it dissects are the stored trace's, in order, over UDP and TCP, and
/// no digest response reaches the file.
/// </summary>
public sealed partial class CaptureTsharkTests : IAsyncLifetime
{
    private TwoLineTraffic _traffic = null!;
    private readonly string _directory = Directory.CreateTempSubdirectory("capture-e2e-").FullName;

    public async ValueTask InitializeAsync() => _traffic = await TwoLineTraffic.StartAsync(realServer: false);

    public async ValueTask DisposeAsync()
    {
        await _traffic.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    [Theory]
    [InlineData(1, "udp")]
    [InlineData(2, "tcp")]
    public async Task The_lines_capture_dissects_as_its_stored_trace_in_order_without_digest_responses(int line, string protocol)
    {
        using var client = _traffic.CreateAdminClient();

        using var response = await client.GetAsync($"/api/lines/{line}/trace.pcap");

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.tcpdump.pcap", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Matches($@"^featuresync-line{line}-\d{{8}}-\d{{6}}Z\.pcap$", response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        var bytes = await response.Content.ReadAsByteArrayAsync();
        var path = Path.Combine(_directory, $"line{line}.pcap");
        await File.WriteAllBytesAsync(path, bytes);

        var stored = (await _traffic.Factory.Services.GetRequiredService<SipTraceRepository>().GetRecentAsync(line, 5000)).Reverse().ToList();
        var expected = stored.Select(MethodOrStatus).ToList();
        Assert.Contains("REGISTER", expected);
        Assert.Contains("401", expected);
        if (line == 1)
        {
            Assert.Contains("SUBSCRIBE", expected);
            Assert.Contains("NOTIFY", expected);
        }
        Assert.Equal(expected, await Tshark.SipSequenceAsync(path));
        // Every packet is of the line's transport, with the real loopback addresses and ports.
        var rows = await Tshark.FieldsAsync(path, "frame.protocols", "ip.src", "ip.dst");
        Assert.All(rows, r => Assert.Contains($":{protocol}:", r[0] + ":", StringComparison.Ordinal));
        Assert.All(rows, r => Assert.Equal(("127.0.0.1", "127.0.0.1"), (r[1], r[2])));

        // The digest was sent (and stored redacted), and no response value is in the capture.
        Assert.Contains(stored, e => e.Text.Contains("Authorization: Digest", StringComparison.Ordinal));
        var text = Encoding.Latin1.GetString(bytes);
        Assert.Contains("response=\"…\"", Encoding.UTF8.GetString(bytes), StringComparison.Ordinal);
        Assert.DoesNotMatch(DigestResponse(), text);
    }

    // A request's method or a response's status code: the ladder's label up to its first space.
    private static string MethodOrStatus(SipTraceEntry entry) => LadderModel.LabelOf(entry.FirstLine).Split(' ')[0];

    [GeneratedRegex("response=\"?[0-9a-fA-F]{32}")]
    private static partial Regex DigestResponse();
}
