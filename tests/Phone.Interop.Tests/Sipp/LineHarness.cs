using System.Threading.Channels;
using Microsoft.Extensions.Logging.Abstractions;
using Phone.SipCore.Configuration;
using Phone.SipCore.FeatureSync.AsFeatureEvent;
using Phone.SipCore.FeatureSync.Model;
using Phone.SipCore.Lines;
using Phone.SipCore.Transport;
using Phone.SipCore.Usages;

namespace Phone.Interop.Tests.Sipp;

/// <summary>
/// One real line agent (registration, subscription, feature state) on our stack over loopback
/// UDP, pointed at a sipp server. Every published status is kept in order for assertions.
/// </summary>
public sealed class LineHarness : IAsyncDisposable
{
    private readonly SipCoreHarness _sip;
    private readonly Channel<LineStatus> _statuses = Channel.CreateUnbounded<LineStatus>();
    private readonly IDisposable _subscription;

    public LineHarness(int serverPort, PbxProfile profile, bool featureSync = true, AsFeatureEventOptions? syncOptions = null,
        string password = "", Func<LineFeatureState, LineFeatureState>? initial = null, bool listenTcp = false)
    {
        _sip = new SipCoreHarness(listenTcp: listenTcp);
        Feed = new LineStatusFeed(NullLogger<LineStatusFeed>.Instance);
        _subscription = Feed.Subscribe(s => _statuses.Writer.TryWrite(s));
        var settings = new LineSettings
        {
            Number = 1, Enabled = true, User = "2001", RegistrarHost = "127.0.0.1", Port = serverPort,
            Transport = SipTransportKind.Udp, FeatureSync = featureSync, PbxProfileId = 1,
        };
        var context = new LineAgentContext(_sip.Stack, _sip.Resolver, Feed, null, TimeProvider.System, NullLoggerFactory.Instance)
        {
            SyncOptions = syncOptions ?? new AsFeatureEventOptions(),
        };
        Agent = new LineAgent(new LineConfiguration(settings, profile with { Id = 1 }, password),
            (initial ?? (f => f))(LineFeatureState.Initial(1, DateTimeOffset.UtcNow)), context);
    }

    public LineStatusFeed Feed { get; }

    public LineAgent Agent { get; }

    /// <summary>The phone's UDP port, for sipp playing a caller.</summary>
    public int PhonePort => _sip.UdpPort;

    public void Start() => Agent.Start();

    /// <summary>Waits for a published status matching <paramref name="condition"/>, reading statuses in order.</summary>
    public async Task<LineStatus> WaitForAsync(Func<LineStatus, bool> condition, string what, TimeSpan? within = null)
    {
        using var timeout = new CancellationTokenSource(within ?? TimeSpan.FromSeconds(30));
        LineStatus? last = null;
        try
        {
            while (true)
            {
                last = await _statuses.Reader.ReadAsync(timeout.Token);
                if (condition(last))
                {
                    return last;
                }
            }
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"never saw: {what}. Last status: {Describe(last)}");
        }
    }

    public Task<LineStatus> WaitForFeatureAsync(FeatureKind kind, bool enabled, FeatureStanding standing, string? target = null) =>
        WaitForAsync(s => s.Features[kind] is var f && f.Enabled == enabled && f.Standing == standing && (target is null || f.Target == target),
            $"{kind} {(enabled ? "on" : "off")} {standing}{(target is null ? "" : $" to {target}")}");

    public Task<FeatureChangeResult> RequestAsync(FeatureKind kind, bool enabled, string? target = null, int? rings = null) =>
        Agent.RequestAsync(new FeatureWish(kind, new FeatureValue(enabled, target, rings), FeatureOrigin.Web));

    /// <summary>
    /// Sets each forward in turn (always 2424, busy 3000, no answer 5000 after 3 rings), each
    /// awaited until the server confirms it: what the *-changes sipp scenarios expect.
    /// </summary>
    public async Task<LineStatus> SetEachForwardConfirmedAsync()
    {
        await RequestAsync(FeatureKind.ForwardAlways, true, "2424");
        await WaitForFeatureAsync(FeatureKind.ForwardAlways, true, FeatureStanding.Confirmed, "2424");
        await RequestAsync(FeatureKind.ForwardBusy, true, "3000");
        await WaitForFeatureAsync(FeatureKind.ForwardBusy, true, FeatureStanding.Confirmed, "3000");
        await RequestAsync(FeatureKind.ForwardNoAnswer, true, "5000", 3);
        return await WaitForFeatureAsync(FeatureKind.ForwardNoAnswer, true, FeatureStanding.Confirmed, "5000");
    }

    public static string Describe(LineStatus? status) => status is null
        ? "none"
        : $"registration {status.Registration} ({status.RegistrationDetail}), subscription {status.Subscription} ({status.SubscriptionDetail}), " +
          string.Join(", ", status.Features.All.Select(f => $"{f.Kind}={(f.Enabled ? "on" : "off")}/{f.Target}/{f.RingCount}/{f.Standing}"));

    public async ValueTask DisposeAsync()
    {
        _subscription.Dispose();
        await Agent.DisposeAsync();
        await _sip.DisposeAsync();
    }
}
