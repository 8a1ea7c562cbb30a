using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Playwright;
using Phone.E2E.Tests.Browser;
using Phone.Interop.Tests.Reliability;
using Phone.SipCore.Transport;
using Phone.Storage.Profiles;
using Phone.TestSupport;

namespace Phone.E2E.Tests.Measurements;

/// <summary>
/// A measurement, not a test: from the moment a server sends a NOTIFY that changes DND to the
/// moment the Status page in Chromium shows it, over 200 changes. Reports p50/p99 and asserts
/// nothing about time. Opt-in (it takes about a minute); without FEATURESYNC_MEASURE=1 it reports Skipped:
/// <c>FEATURESYNC_MEASURE=1 dotnet test tests/Phone.E2E.Tests -c Release --filter "FullyQualifiedName~NotifyToPageLatency" --logger "console;verbosity=detailed"</c>.
/// The server is the Interop tests' <see cref="FeatureServer"/> (our transaction layer on
/// loopback UDP) rather than sipp, so the send time is taken in this process, on the same
/// clock as the browser's (both read the system's real-time clock).
/// </summary>
[Collection(ChromiumCollection.Name)]
public sealed class NotifyToPageLatency(ChromiumFixture chromium, ITestOutputHelper output)
{
    private const int Changes = 200;

    [Fact]
    public async Task Notify_to_status_page_latency_over_200_changes()
    {
        OptInMeasurement.SkipUnlessRequested("about a minute; command and figures in docs/performance.md");
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        await using var server = new FeatureServer(new UdpSipTransport(socket, NullLogger.Instance));
        using var factory = new PhoneWebFactory(realServer: true).WithSetting("Logging:LogLevel:Default", "Warning");
        var baseAddress = factory.StartRealServer();
        var profile = await factory.Services.GetRequiredService<PbxProfileRepository>().CreateFromPresetAsync("BroadWorks");
        using var api = new HttpClient { BaseAddress = baseAddress };
        api.DefaultRequestHeaders.Authorization = PhoneWebFactory.BasicHeader();
        (await api.PutAsJsonAsync("/api/lines/1", new
        {
            enabled = true, user = "2001", registrar = "127.0.0.1", port = server.EndPoint.EndPoint.Port, featureSync = true, pbxProfileId = profile.Id,
        })).EnsureSuccessStatusCode();

        await using var context = await chromium.Browser.NewContextAsync(new() { Locale = "en-US" });
        var page = await context.NewPageAsync();
        await BrowserSession.SignInAsync(page, baseAddress, "/");
        await BrowserSession.WaitInteractiveAsync(page);
        var dnd = page.GetByTestId("feature-1-dnd");
        await Assertions.Expect(dnd.GetByTestId("standing")).ToHaveTextAsync("confirmed", new() { Timeout = BrowserSession.Bound });

        // The page records, in its own clock (Unix ms with sub-ms precision), each change of the DND value.
        await page.EvaluateAsync(@"() => {
            const cell = document.querySelector('[data-testid=""feature-1-dnd""] [data-testid=""value""]');
            window.__seen = [];
            let last = cell.textContent;
            new MutationObserver(() => {
                const now = performance.timeOrigin + performance.now();
                const text = document.querySelector('[data-testid=""feature-1-dnd""] [data-testid=""value""]').textContent;
                if (text !== last) { last = text; window.__seen.push([now, text]); }
            }).observe(document.body, { subtree: true, childList: true, characterData: true });
        }");

        var latencies = new List<double>();
        for (var i = 0; i < Changes; i++)
        {
            var on = i % 2 == 0;
            var sent = DateTimeOffset.UtcNow;
            var sentMs = (sent - DateTimeOffset.UnixEpoch).TotalMilliseconds;
            _ = server.ChangeDnd(on);
            await page.WaitForFunctionAsync($"() => window.__seen.length >= {i + 1}", null, new() { Timeout = BrowserSession.Bound });
            var seenMs = await page.EvaluateAsync<double>($"() => window.__seen[{i}][0]");
            latencies.Add(seenMs - sentMs);
        }

        latencies.Sort();
        var load = File.ReadAllText("/proc/loadavg").Split(' ')[..3];
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{Changes} DND changes, NOTIFY sent -> Status page shows it: p50 {Percentile(latencies, 0.50):F1} ms, " +
            $"p99 {Percentile(latencies, 0.99):F1} ms, min {latencies[0]:F1} ms, max {latencies[^1]:F1} ms; load average {string.Join(' ', load)}"));
    }

    private static double Percentile(List<double> sorted, double p) => sorted[Math.Min(sorted.Count - 1, (int)(sorted.Count * p))];
}
