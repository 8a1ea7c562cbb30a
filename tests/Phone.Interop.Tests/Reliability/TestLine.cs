using System.Net;
using System.Threading.Channels;
using Microsoft.Extensions.Logging.Abstractions;
using Phone.Interop.Tests.Sipp;
using Phone.SipCore.Configuration;
using Phone.SipCore.FeatureSync.Model;
using Phone.SipCore.Lines;
using Phone.SipCore.Stack;
using Phone.SipCore.Transactions;
using Phone.SipCore.Transport;
using Phone.SipCore.Transport.Dns;

namespace Phone.Interop.Tests.Reliability;

/// <summary>
/// A real BroadWorks line agent on its own stack over any transport (a UDP socket in a
/// namespace, an in-memory link), pointed at a numeric registrar. Like <see cref="LineHarness"/>
/// but not tied to a loopback socket.
/// </summary>
public sealed class TestLine : IAsyncDisposable
{
    private readonly Channel<LineStatus> _statuses = Channel.CreateUnbounded<LineStatus>();
    private readonly IDisposable _subscription;
    private readonly bool _ownsStack;

    public TestLine(ISipTransport transport, IPAddress localAddress, IPEndPoint server, int line = 1, string user = "2001",
        SipStack? sharedStack = null, TransactionTimers? timers = null, ILineEventSink? events = null, int requestCapacity = LineWorkQueue.DefaultRequestCapacity)
    {
        _ownsStack = sharedStack is null;
        Stack = sharedStack ?? new SipStack(TimeProvider.System, NullLogger<SipStack>.Instance, timers: timers, boundAddress: localAddress);
        if (sharedStack is null)
        {
            Stack.AddTransport(transport);
        }
        Feed = new LineStatusFeed(NullLogger<LineStatusFeed>.Instance);
        _subscription = Feed.Subscribe(s => _statuses.Writer.TryWrite(s));
        var settings = new LineSettings
        {
            Number = line, Enabled = true, User = user, RegistrarHost = server.Address.ToString(), Port = server.Port,
            Transport = SipTransportKind.Udp, FeatureSync = true, PbxProfileId = 1,
        };
        var resolver = new SipTargetResolver(SipTargetResolver.CreateLookupClient([new IPEndPoint(IPAddress.Loopback, 53)]));
        var context = new LineAgentContext(Stack, resolver, Feed, events, TimeProvider.System, NullLoggerFactory.Instance)
        {
            RequestQueueCapacity = requestCapacity,
        };
        Agent = new LineAgent(new LineConfiguration(settings, PbxPresets.Find("BroadWorks")! with { Id = 1 }, ""),
            LineFeatureState.Initial(line, DateTimeOffset.UtcNow), context);
    }

    public SipStack Stack { get; }

    public LineStatusFeed Feed { get; }

    public LineAgent Agent { get; }

    public LineStatus Current => Agent.Status;

    public void Start() => Agent.Start();

    /// <summary>Waits (bounded) until the latest status satisfies <paramref name="condition"/>.</summary>
    public async Task<LineStatus> WaitForAsync(Func<LineStatus, bool> condition, string what, TimeSpan within)
    {
        using var timeout = new CancellationTokenSource(within);
        try
        {
            while (true)
            {
                if (condition(Agent.Status))
                {
                    return Agent.Status;
                }
                await _statuses.Reader.ReadAsync(timeout.Token);
            }
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"never saw within {within}: {what}. Last status: {LineHarness.Describe(Agent.Status)}");
        }
    }

    public Task<LineStatus> WaitForDndAsync(bool on, FeatureStanding standing, TimeSpan within) =>
        WaitForAsync(s => s.Features.Dnd.Enabled == on && s.Features.Dnd.Standing == standing, $"DND {(on ? "on" : "off")} {standing}", within);

    public Task<FeatureChangeResult> RequestDndAsync(bool on) =>
        Agent.RequestAsync(new FeatureWish(FeatureKind.Dnd, new FeatureValue(on, null, null), FeatureOrigin.Web));

    public async ValueTask DisposeAsync()
    {
        _subscription.Dispose();
        await Agent.DisposeAsync();
        if (_ownsStack)
        {
            await Stack.DisposeAsync();
        }
    }
}
