using Phone.SipCore.SyncLog;
using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using Phone.Interop.Tests.Sipp;
using Phone.SipCore.FeatureSync.Csta;
using Phone.SipCore.FeatureSync.Documents;
using Phone.SipCore.Transport;
using Phone.SipCore.Usages;

namespace Phone.Interop.Tests.Csta;

/// <summary>Our uaCSTA session with sipp playing 3CX (protocol.md section 4).</summary>
public sealed class CstaInteropTests
{
    [Fact]
    public async Task A_3cx_session_monitors_sets_and_reads_dnd_and_forwarding()
    {
        await using var phone = new SipCoreHarness();
        var gate = new object();
        var dnd = false;
        var forwards = new List<ForwardingEvent>();
        var applied = new ConcurrentQueue<FeatureDocument>();
        var lines = new ConcurrentQueue<SyncLogEvent>();
        using var session = new CstaSession(phone.Stack, Phone.SipCore.Dialogs.DialogOwner.Inline(1), () =>
        {
            lock (gate)
            {
                return new CstaStateSnapshot(dnd, [.. forwards]);
            }
        }, document =>
        {
            applied.Enqueue(document);
            lock (gate)
            {
                switch (document)
                {
                    case SetDoNotDisturb set:
                        dnd = set.DoNotDisturbOn;
                        break;
                    case SetForwarding set:
                        forwards.RemoveAll(f => f.ForwardingType == set.ForwardingType);
                        forwards.Add(new ForwardingEvent(set.ForwardingType, set.ActivateForward, set.ForwardDn, set.RingCount));
                        break;
                }
            }
        }, lines.Enqueue);
        phone.Stack.RegisterUser("2001", new UserRouter(t =>
        {
            if (!session.OnInvite(t))
            {
                t.Respond(488);
            }
        }));
        var port = phone.Stack.LocalEndPointFor(SipTransportKind.Udp, new IPEndPoint(IPAddress.Loopback, 5060)).Port;

        await using var sipp = SippProcess.Start("uacsta-3cx.xml", extraArgs: ["-s", "2001", $"127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}"]);
        await sipp.AssertPassedAsync(TimeSpan.FromSeconds(20));

        var log = sipp.MessageLog();
        Assert.Contains("Content-Type: application/csta+xml", log);
        Assert.Matches("<monitorCrossRefID>[0-9a-f]+</monitorCrossRefID>", log);
        Assert.Contains("<CSTAErrorCode", log);
        Assert.Collection(applied,
            d => Assert.True(Assert.IsType<SetDoNotDisturb>(d).DoNotDisturbOn),
            d => Assert.Equal("2424", Assert.IsType<SetForwarding>(d).ForwardDn));
        Assert.Contains(lines, l => l.Code == SyncLogCode.CstaOpened);
        Assert.Contains(SyncLogEvent.Of(SyncLogCode.CstaUnsupported, SyncLogArg.Text("MakeCall")), lines);
        Assert.Contains(SyncLogEvent.Of(SyncLogCode.CstaClosedByServer), lines);
        Assert.Equal(0, session.SessionCount);
    }
}
