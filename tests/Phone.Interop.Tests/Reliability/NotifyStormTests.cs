using System.Diagnostics;
using System.Net;
using Phone.SipCore.FeatureSync.Model;
using Phone.SipCore.Lines;
using Phone.SipCore.Transport;

namespace Phone.Interop.Tests.Reliability;

/// <summary>
/// Issue 9, NOTIFY storm: 10,000 NOTIFYs alternating DND in one burst to one line. The line's
/// work queue is bounded (<see cref="LineWorkQueue.Capacity"/>) and blocks the delivering
/// thread when full; the test shows this drains without deadlock, the final state is the last
/// NOTIFY's, and other work still gets answered during the storm.
/// </summary>
public sealed class NotifyStormTests(ITestOutputHelper output)
{
    private const int Count = 10_000;

    private static string LineHarness_Describe(TestLine line) => Sipp.LineHarness.Describe(line.Current);

    [Fact]
    public async Task Ten_thousand_notifies_end_in_the_last_ones_state_and_the_line_stays_responsive()
    {
        // In-memory link without loss: a burst over loopback UDP would lose datagrams in the
        // kernel's receive buffer, which is loss (see PacketLossTests), not what this test is about.
        var (phone, serverEnd) = InMemorySipTransport.CreatePair(TimeProvider.System, seed: 3);
        await using var server = new FeatureServer(serverEnd);
        await using var line = new TestLine(phone, IPAddress.Loopback, server.EndPoint.EndPoint);
        line.Start();
        await line.WaitForDndAsync(false, FeatureStanding.Confirmed, TimeSpan.FromSeconds(20));

        // Odd NOTIFYs say off, even say on: the 10,000th says on.
        var clock = Stopwatch.StartNew();
        var storm = Task.Run(() => server.BurstDnd(Count, i => i % 2 == 0));

        // While the storm runs, a request through the same line's queue is answered within a
        // bound (behind at most the queue's 4096 items), and the thread pool is not starved.
        var probes = new List<TimeSpan>();
        while (server.StrayResponses < Count && probes.Count < 50)
        {
            var started = Stopwatch.StartNew();
            var answered = line.Agent.RequestAsync(new FeatureWish(FeatureKind.ForwardAlways, new FeatureValue(false, null, null), FeatureOrigin.Web));
            Assert.Same(answered, await Task.WhenAny(answered, Task.Delay(TimeSpan.FromSeconds(10))));
            var pool = Task.Run(() => true);
            Assert.Same(pool, await Task.WhenAny(pool, Task.Delay(TimeSpan.FromSeconds(2))));
            probes.Add(started.Elapsed);
        }
        await storm.WaitAsync(TimeSpan.FromSeconds(120));
        var sent = clock.Elapsed;

        var allAnswered = await server.WaitForStrayResponsesAsync(Count, TimeSpan.FromSeconds(60));
        var applied = clock.Elapsed;
        Assert.True(allAnswered, $"only {server.StrayResponses} of {Count} NOTIFYs answered; phone transactions {line.Stack.Transactions.Count}, " +
                              $"phone dropped {line.Stack.DroppedCount}; {LineHarness_Describe(line)}");
        // The line sheds what its queue cannot hold with 503 rather than stalling the receive path
        // (every other line shares it); a notifier whose NOTIFY failed sends its state again.
        Assert.Equal(server.StrayBusy, line.Stack.BusyCount);
        if (server.StrayBusy > 0)
        {
            var resent = await server.ChangeDnd(true)!.WaitAsync(TimeSpan.FromSeconds(20));
            Assert.Equal(200, resent.Response?.StatusCode);
        }
        await line.WaitForDndAsync(true, FeatureStanding.Confirmed, TimeSpan.FromSeconds(20));
        var final = line.Current;
        Assert.True(final.Features.Dnd.Enabled, "DND is what the last NOTIFY said");
        Assert.Equal(FeatureStanding.Confirmed, final.Features.Dnd.Standing);
        Assert.Equal(SubscriptionStatus.Active, final.Subscription);
        using var self = Process.GetCurrentProcess();
        output.WriteLine($"test process working set after the storm: {self.WorkingSet64 / (1024 * 1024)} MiB, " +
                         $"managed heap {GC.GetTotalMemory(false) / (1024 * 1024)} MiB, phone transactions alive {line.Stack.Transactions.Count}");
        output.WriteLine($"{Count} NOTIFYs sent in {sent.TotalMilliseconds:F0} ms, all answered after {applied.TotalMilliseconds:F0} ms " +
                         $"({server.StrayBusy} of them 503 for a full line queue); " +
                         $"{probes.Count} probes during the storm, slowest {probes.DefaultIfEmpty().Max().TotalMilliseconds:F0} ms");
    }
}
