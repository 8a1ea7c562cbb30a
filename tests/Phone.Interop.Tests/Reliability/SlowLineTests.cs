using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging.Abstractions;
using Phone.Interop.Tests.Sipp;
using Phone.SipCore.FeatureSync.Model;
using Phone.SipCore.Stack;
using Phone.SipCore.Transport;

namespace Phone.Interop.Tests.Reliability;

/// <summary>
/// One line stuck in its own work (its feature-state writes held by a deliberately stuck sink)
/// must not stall another line: the receive path never waits, the stuck line's excess requests
/// are answered 503 at once, and the other line's NOTIFYs are answered and applied meanwhile.
/// </summary>
public sealed class SlowLineTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);
    private const int StuckLineCapacity = 16;
    private const int Burst = 64;

    [Fact]
    public async Task A_stuck_line_gets_503s_while_another_lines_notifies_are_answered_and_applied()
    {
        await using var phone = new SipCoreHarness();
        await using var serverA = FeatureServer.OnUdp(IPAddress.Loopback);
        await using var serverB = FeatureServer.OnUdp(IPAddress.Parse("127.0.0.2"));
        using var events = new RecordingLineEvents();
        await using var stuck = new TestLine(null!, IPAddress.Loopback, serverA.EndPoint.EndPoint, line: 1, user: "2001",
            sharedStack: phone.Stack, events: events, requestCapacity: StuckLineCapacity);
        await using var other = new TestLine(null!, IPAddress.Loopback, serverB.EndPoint.EndPoint, line: 2, user: "2002",
            sharedStack: phone.Stack, events: events);
        stuck.Start();
        other.Start();
        await stuck.WaitForDndAsync(false, FeatureStanding.Confirmed, Bound);
        await other.WaitForDndAsync(false, FeatureStanding.Confirmed, Bound);

        // Line 1's write of the DND the server turns on never returns until released: its queue
        // is stuck behind it.
        events.HoldWritesOf(1, state => state is { Kind: FeatureKind.Dnd, Enabled: true });
        await serverA.ChangeDnd(true)!.WaitAsync(Bound);
        await WaitUntil(() => events.HeldWrites == 1, "line 1 stuck in its sink");
        // A burst towards the stuck line: it holds StuckLineCapacity, the rest is refused at once.
        await serverA.BurstDnd(Burst, i => i % 2 == 0);
        Assert.True(await serverA.WaitForStrayResponsesAsync(Burst - StuckLineCapacity, Bound),
            $"the stuck line's excess NOTIFYs were answered at once (got {serverA.StrayResponses})");
        Assert.Equal(Burst - StuckLineCapacity, phone.Stack.BusyCount);

        // Meanwhile line 2's NOTIFYs are answered 200 and applied, one after another.
        var latencies = new List<double>();
        for (var i = 1; i <= 20; i++)
        {
            var on = i % 2 == 1;
            var watch = Stopwatch.StartNew();
            var outcome = await serverB.ChangeDnd(on)!.WaitAsync(Bound);
            latencies.Add(watch.Elapsed.TotalMilliseconds);
            Assert.Equal(200, outcome.Response?.StatusCode);
            await other.WaitForDndAsync(on, FeatureStanding.Confirmed, Bound);
        }
        Assert.Equal(1, events.HeldWrites); // line 1 was stuck the whole time

        latencies.Sort();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"line 2 NOTIFY answer while line 1 is stuck: p50 {latencies[latencies.Count / 2]:0.00} ms, max {latencies[^1]:0.00} ms over {latencies.Count}; 503s to line 1: {phone.Stack.BusyCount}"));

        // Released, the stuck line catches up with what it held and takes requests again; the
        // server, told Retry-After, tries again until it does (bounded).
        events.Release();
        int? status = null;
        for (var attempt = 0; attempt < 50 && status != 200; attempt++)
        {
            if (attempt > 0)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100));
            }
            status = (await serverA.ChangeDnd(true)!.WaitAsync(Bound)).Response?.StatusCode;
            Assert.True(status is 200 or 503, $"answer {status}");
        }
        Assert.Equal(200, status);
        await stuck.WaitForDndAsync(true, FeatureStanding.Confirmed, Bound);
    }

    private static async Task WaitUntil(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + Bound;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"never: {what}");
            }
            await Task.Delay(10);
        }
    }
}
