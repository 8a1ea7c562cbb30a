using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;
using Microsoft.Extensions.Logging.Abstractions;
using Phone.SipCore.Configuration;
using Phone.SipCore.FeatureSync.AsFeatureEvent;
using Phone.SipCore.FeatureSync.Model;
using Phone.SipCore.Hosting;
using Phone.SipCore.Lines;
using Phone.SipCore.Simulator;
using Phone.SipCore.Stack;
using Phone.SipCore.Transport;
using Phone.SipCore.Usages;

namespace Phone.SipCore.Tests.Simulator;

/// <summary>
/// The PBX simulator and a phone (our stack and line agents) on two real loopback UDP sockets,
/// on the system clock: what the demo runs, end to end, with every wait bounded.
/// </summary>
internal sealed class SimulatorHarness : IAsyncDisposable
{
    public const string Password = "secret";
    public static readonly TimeSpan Bound = TimeSpan.FromSeconds(15);

    private readonly Channel<LineStatus> _statuses = Channel.CreateUnbounded<LineStatus>();
    private readonly Channel<SimulatedUserView> _views = Channel.CreateUnbounded<SimulatedUserView>();
    private readonly List<LineAgent> _agents = [];
    private readonly Socket _phoneSocket;

    public SimulatorHarness(PbxSimulatorOptions? options = null, AsFeatureEventOptions? syncOptions = null)
    {
        Simulator = new PbxSimulator(options ?? new PbxSimulatorOptions
        {
            Accounts =
            [
                new SimulatedAccount("2001", Password, PbxPresets.BroadWorks),
                new SimulatedAccount("2002", Password, PbxPresets.YeastarS),
                new SimulatedAccount("2003", Password, PbxPresets.ThreeCx),
                new SimulatedAccount("2004", Password, PbxPresets.HuaweiIms),
            ],
            HangUpAfter = TimeSpan.FromMilliseconds(200),
        });
        Simulator.Changed += v => _views.Writer.TryWrite(v);
        Simulator.Start();
        Feed.Subscribe(s => _statuses.Writer.TryWrite(s));
        _phoneSocket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        _phoneSocket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        PhoneStack = new SipStack(TimeProvider.System, NullLogger<SipStack>.Instance, new LineTraceObserver(Events), boundAddress: IPAddress.Loopback);
        PhoneStack.AddTransport(new UdpSipTransport(_phoneSocket, NullLogger<UdpSipTransport>.Instance));
        Context = new LineAgentContext(PhoneStack, SipStackFactory.CreateLoopbackResolver(), Feed, Events, TimeProvider.System,
            NullLoggerFactory.Instance)
        {
            SyncOptions = syncOptions ?? new AsFeatureEventOptions { ConfirmationWindow = TimeSpan.FromSeconds(2) },
            SubscriptionOptions = new SubscriptionOptions { NoStateTimeout = TimeSpan.FromSeconds(1) },
        };
    }

    public PbxSimulator Simulator { get; }

    public SipStack PhoneStack { get; }

    public LineStatusFeed Feed { get; } = new(NullLogger<LineStatusFeed>.Instance);

    public LineAgentContext Context { get; }

    public RecordingLineEvents Events { get; } = new();

    /// <summary>Starts a line against the simulator with feature sync on.</summary>
    public LineAgent StartLine(int line, string user, PbxProfile profile, string password = Password, string authUser = "")
    {
        var settings = new LineSettings
        {
            Number = line, Enabled = true, User = user, RegistrarHost = "127.0.0.1", Port = Simulator.EndPoint.Port,
            Transport = SipTransportKind.Udp, FeatureSync = true, PbxProfileId = 1, AuthUser = authUser,
        };
        var agent = new LineAgent(new LineConfiguration(settings, profile with { Id = 1 }, password),
            LineFeatureState.Initial(line, DateTimeOffset.UtcNow), Context);
        _agents.Add(agent);
        agent.Start();
        return agent;
    }

    public async Task StopLineAsync(LineAgent agent)
    {
        _agents.Remove(agent);
        await agent.DisposeAsync();
    }

    /// <summary>Waits until a line's latest snapshot satisfies <paramref name="condition"/>.</summary>
    public async Task<LineStatus> WaitForLine(int line, Func<LineStatus, bool> condition, string what)
    {
        using var timeout = new CancellationTokenSource(Bound);
        try
        {
            while (true)
            {
                if (Feed.Get(line) is { } current && condition(current))
                {
                    return current;
                }
                await _statuses.Reader.ReadAsync(timeout.Token);
            }
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"line {line}: {what} not seen within {Bound}; last: {Feed.Get(line)}");
        }
    }

    /// <summary>Waits until the simulator's view of <paramref name="user"/> satisfies <paramref name="condition"/>.</summary>
    public async Task<SimulatedUserView> WaitForUser(string user, Func<SimulatedUserView, bool> condition, string what)
    {
        using var timeout = new CancellationTokenSource(Bound);
        try
        {
            while (true)
            {
                if (Simulator.Get(user) is { } current && condition(current))
                {
                    return current;
                }
                await _views.Reader.ReadAsync(timeout.Token);
            }
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"user {user}: {what} not seen within {Bound}; last: {Simulator.Get(user)}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var agent in _agents)
        {
            await agent.DisposeAsync();
        }
        await PhoneStack.DisposeAsync();
        _phoneSocket.Dispose();
        await Simulator.DisposeAsync();
    }
}
