using Phone.SipCore.SyncLog;
using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using Phone.Interop.Tests.Sipp;
using Phone.SipCore.Dialogs;
using Phone.SipCore.Stack;
using Phone.SipCore.FeatureSync.Local;
using Phone.SipCore.FeatureSync.Model;
using Phone.SipCore.Lines;
using Phone.SipCore.Transport;
using Phone.SipCore.Usages;

namespace Phone.Interop.Tests.LocalExecution;

/// <summary>The phone executing DND and forwarding itself, with sipp as the caller.</summary>
public sealed class LocalCallInteropTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);

    private static LineFeatureState State(bool dnd = false, string? always = null, string? noAnswer = null, int rings = 2)
    {
        var s = LineFeatureState.Initial(1, At);
        s = s.With(s.Dnd with { Enabled = dnd });
        s = s.With(s.ForwardAlways with { Enabled = always is not null, Target = always });
        return s.With(s.ForwardNoAnswer with { Enabled = noAnswer is not null, Target = noAnswer, RingCount = rings });
    }

    /// <summary>Runs one sipp caller scenario against the phone's line 2001 with <paramref name="state"/>.</summary>
    private static async Task<(string Log, IReadOnlyList<SyncLogEvent> Lines)> CallAsync(string scenario, LineFeatureState state)
    {
        await using var phone = new SipCoreHarness();
        await using var queue = new LineWorkQueue(TimeProvider.System, NullLogger.Instance);
        var lines = new ConcurrentQueue<SyncLogEvent>();
        // One second per ring keeps the no-answer test short.
        using var handler = new LocalCallHandler(phone.Stack, "127.0.0.1", queue, queue,
            ringing => LocalCallPolicy.Decide(state, ringing, secondsPerRing: 1), lines.Enqueue);
        // As a line does: the INVITEs, the ring timers and the CANCELs all run on the line's queue.
        using var identity = phone.Stack.AddIdentity(new LocalIdentity("2001", null, new DialogOwner(queue, 1), new UserRouter(handler.OnInvite)));
        var port = phone.Stack.LocalEndPointFor(SipTransportKind.Udp, new IPEndPoint(IPAddress.Loopback, 5060)).Port;

        await using var sipp = SippProcess.Start(scenario, extraArgs: ["-s", "2001", $"127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}"]);
        await sipp.AssertPassedAsync(TimeSpan.FromSeconds(20));
        return (sipp.MessageLog(), lines.ToArray());
    }

    [Fact]
    public async Task Dnd_on_answers_486()
    {
        var (log, lines) = await CallAsync("caller-busy.xml", State(dnd: true, always: "2424"));

        Assert.Contains("SIP/2.0 486 Busy Here", log);
        Assert.Contains(lines, l => l.Code == SyncLogCode.CallBusyDnd);
    }

    [Fact]
    public async Task Forward_always_answers_302_to_the_target()
    {
        var (log, lines) = await CallAsync("caller-redirected.xml", State(always: "2424"));

        Assert.Contains("SIP/2.0 302 Moved Temporarily", log);
        Assert.Contains("Contact: <sip:2424@127.0.0.1>", log);
        Assert.Contains(lines, l => l.Code == SyncLogCode.CallForwardedAlways && l.Args[1].Value == "sip:2424@127.0.0.1");
    }

    [Fact]
    public async Task Forward_no_answer_rings_then_answers_302_after_the_ring_time()
    {
        var started = DateTimeOffset.UtcNow;

        var (log, lines) = await CallAsync("caller-rings-then-redirected.xml", State(noAnswer: "sip:voicemail@127.0.0.1", rings: 2));

        Assert.True(DateTimeOffset.UtcNow - started >= TimeSpan.FromSeconds(2), "302 came before 2 rings of 1 s");
        Assert.Contains("SIP/2.0 180 Ringing", log);
        Assert.Contains("Contact: <sip:voicemail@127.0.0.1>", log);
        Assert.Contains(lines, l => l.Code == SyncLogCode.CallForwardedNoAnswer && l.Args[1].Value == "sip:voicemail@127.0.0.1");
    }

    [Fact]
    public async Task Cancel_while_ringing_ends_the_call_with_487()
    {
        var (log, lines) = await CallAsync("caller-cancels.xml", State());

        Assert.Contains("SIP/2.0 487 Request Terminated", log);
        Assert.Contains(lines, l => l.Code == SyncLogCode.CallRinging);
        Assert.Contains(lines, l => l.Code == SyncLogCode.CallCancelled);
    }
}
