using System.Net;
using System.Text;
using Phone.SipCore.FeatureSync.Model;
using Phone.SipCore.Lines;
using Phone.SipCore.Transport;
using Phone.Storage.Events;
using Phone.Storage.Features;
using Phone.Storage.Logs;
using Phone.Storage.Traces;

namespace Phone.Storage.Tests;

/// <summary>What the SIP core reports reaches the database, and a restart shows it.</summary>
public sealed class StorageEventSinkTests
{
    [Fact]
    public async Task Feature_states_log_lines_and_traces_are_stored()
    {
        await using var storage = await TestStorage.StartAsync();
        var sink = storage.Get<StorageEventSink>();
        var at = new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);
        var remote = new SipEndPoint(SipTransportKind.Udp, new IPEndPoint(IPAddress.Loopback, 5070));

        sink.FeatureStateChanged(3, new FeatureState(FeatureKind.Dnd, true, null, null, FeatureStanding.Confirmed, FeatureOrigin.Server, at));
        sink.SyncLog(3, SyncLogKind.Feature, FeatureOrigin.Server, SyncOutcome.Success, "Dnd on reported by the server");
        sink.SipTrace(3, SipTraceDirection.In, remote, Encoding.UTF8.GetBytes("NOTIFY sip:2001@127.0.0.1 SIP/2.0\r\nCall-ID: x\r\n\r\n"));
        await sink.FlushAsync();

        var state = await storage.Get<FeatureStateRepository>().GetAsync(3);
        Assert.True(state.Dnd.Enabled);
        Assert.Equal(FeatureStanding.Confirmed, state.Dnd.Standing);
        var log = Assert.Single(await storage.Get<SyncLogRepository>().GetRecentAsync(3, 10));
        Assert.Equal("Dnd on reported by the server", log.Text);
        var trace = Assert.Single(await storage.Get<SipTraceRepository>().GetRecentAsync(3, 10));
        Assert.Equal("NOTIFY sip:2001@127.0.0.1 SIP/2.0", trace.FirstLine);
        Assert.Equal(SipTraceDirection.In, trace.Direction);
        Assert.Equal("UDP:127.0.0.1:5070", trace.RemoteEndpoint);
    }
}
