using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Phone.SipCore.Dialogs;
using Phone.SipCore.FeatureSync.Model;
using Phone.SipCore.Messages;
using Phone.SipCore.Stack;
using Phone.SipCore.Transactions;
using Phone.SipCore.Transport;

namespace Phone.SipCore.Simulator;

/// <summary>
/// A small PBX in the same process, on its own loopback UDP socket, built on our own stack:
/// a registrar with digest auth, an <c>as-feature-event</c> notifier and a feature-code PBX,
/// sharing one feature state per user. It lets a newcomer see feature sync work without a
/// server, and a support engineer reproduce refusals, 489 and silent servers.
/// </summary>
public sealed partial class PbxSimulator : IIncomingRequestHandler, IDialogUsage, IAsyncDisposable
{
    private readonly PbxSimulatorOptions _options;
    private readonly TimeProvider _time;
    private readonly ILoggerFactory _loggers;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, SimulatedUserRecord> _users = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SimulatedSubscription> _subscriptions = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, SimulatedCodeCall> _calls = new(StringComparer.Ordinal);
    private readonly SimulatorDigest _digest;
    private SimulatorSwitches _global = SimulatorSwitches.None;
    private Socket? _socket;
    private SipStack? _stack;
    private int _disposed;

    public PbxSimulator(PbxSimulatorOptions options, TimeProvider? time = null, ILoggerFactory? loggers = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!IPAddress.IsLoopback(options.Address))
        {
            throw new ArgumentException($"The PBX simulator listens on loopback only, not on {options.Address}.", nameof(options));
        }
        _options = options;
        _time = time ?? TimeProvider.System;
        _loggers = loggers ?? NullLoggerFactory.Instance;
        _logger = _loggers.CreateLogger<PbxSimulator>();
        foreach (var account in options.Accounts)
        {
            _users[account.User] = new SimulatedUserRecord(account, SimulatedFeatures.Initial(options.DefaultRingCount));
        }
        _digest = new SimulatorDigest(options.Realm, user => _users.TryGetValue(user, out var r) ? r.Account.Password : null);
    }

    /// <summary>Any change of a user's features, registration, subscriptions, switches or dialled code.</summary>
    public event Action<SimulatedUserView>? Changed;

    /// <summary>Where phones send their requests; valid after <see cref="Start"/>.</summary>
    public IPEndPoint EndPoint => (IPEndPoint?)_socket?.LocalEndPoint ?? throw new InvalidOperationException("The simulator has not started.");

    public SimulatorSwitches GlobalSwitches
    {
        get { lock (_gate) { return _global; } }
    }

    public IReadOnlyList<SimulatedUserView> Users
    {
        get
        {
            lock (_gate)
            {
                return _users.Keys.Order(StringComparer.Ordinal).Select(ViewLocked).ToList();
            }
        }
    }

    public SimulatedUserView? Get(string user)
    {
        lock (_gate)
        {
            return _users.ContainsKey(user) ? ViewLocked(user) : null;
        }
    }

    /// <summary>Binds the loopback socket and starts answering.</summary>
    public void Start()
    {
        if (_stack is not null)
        {
            return;
        }
        var socket = new Socket(_options.Address.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            socket.Bind(new IPEndPoint(_options.Address, _options.Port));
        }
        catch (SocketException ex)
        {
            socket.Dispose();
            throw new InvalidOperationException($"The PBX simulator cannot listen on {_options.Address}:{_options.Port}: {ex.Message}", ex);
        }
        _socket = socket;
        var stack = new SipStack(_time, _loggers.CreateLogger<SipStack>(), boundAddress: _options.Address)
        {
            DefaultHandler = this,
        };
        _stack = stack;
        stack.AddTransport(new UdpSipTransport(socket, _loggers.CreateLogger<UdpSipTransport>(), _time));
        _logger.LogInformation("PBX simulator listening on udp:{EndPoint}", EndPoint);
    }

    /// <summary>In-dialog requests of the simulator's subscriptions and calls (matched by the dialog table).</summary>
    void IDialogUsage.OnRequest(SipDialog dialog, ServerTransaction transaction) => OnRequest(transaction);

    void IDialogUsage.OnAck(SipDialog dialog, SipRequest ack) => OnAck(ack);

    public void OnRequest(ServerTransaction transaction)
    {
        var request = transaction.Request;
        try
        {
            switch (request.Method.Name)
            {
                case "REGISTER":
                    OnRegister(transaction);
                    break;
                case "SUBSCRIBE":
                    OnSubscribe(transaction);
                    break;
                case "INVITE":
                    OnInvite(transaction);
                    break;
                case "BYE":
                    OnBye(transaction);
                    break;
                default:
                    transaction.Respond(SipMessageBuilder.ForResponseTo(request, 405, null, SipIds.NewTag())
                        .AddHeader(HeaderId.Allow, "REGISTER, SUBSCRIBE, INVITE, ACK, BYE, CANCEL, OPTIONS")
                        .BuildResponse());
                    break;
            }
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            _logger.LogError(ex, "The simulator failed on {Method} from {Remote}", request.Method, transaction.Remote);
            transaction.Respond(500, "Server Internal Error");
        }
    }

    /// <summary>Global switches: on for every user (each user's own switches add to them).</summary>
    public void SetGlobalSwitches(SimulatorSwitches switches)
    {
        ArgumentNullException.ThrowIfNull(switches);
        List<string> users;
        SimulatorSwitches before;
        lock (_gate)
        {
            before = _global;
            _global = switches;
            users = [.. _users.Keys];
        }
        foreach (var user in users)
        {
            OnSwitched(user, before, switches);
        }
        users.ForEach(Raise);
    }

    public void SetSwitches(string user, SimulatorSwitches switches)
    {
        ArgumentNullException.ThrowIfNull(switches);
        SimulatorSwitches before;
        lock (_gate)
        {
            var record = Find(user);
            before = record.Switches;
            record.Switches = switches;
        }
        OnSwitched(user, before, switches);
        Raise(user);
    }

    /// <summary>
    /// 489 switched on ends the user's live subscriptions (the phone meets the 489 when it
    /// subscribes again); silence switched off sends the full state it held back.
    /// </summary>
    private void OnSwitched(string user, SimulatorSwitches before, SimulatorSwitches after)
    {
        var effective = EffectiveSwitches(user);
        if (after.RejectSubscribe && !before.RejectSubscribe)
        {
            DeactivateSubscriptions(user);
        }
        else if (before.Silent && !after.Silent && !effective.Silent)
        {
            List<SimulatedSubscription> subscriptions;
            lock (_gate)
            {
                subscriptions = _subscriptions.Values.Where(s => s.User == user).ToList();
            }
            foreach (var subscription in subscriptions)
            {
                subscription.Notify(Content(subscription, FullState(user)));
            }
        }
    }

    /// <summary>A server-side change, as an administrator on the PBX portal makes it: NOTIFYs every subscription of the user.</summary>
    public void SetDnd(string user, bool on) => Apply(user, FeatureKind.Dnd, new FeatureValue(on), "set on the server");

    /// <summary>A server-side forward change; a forward switched off keeps its number for next time.</summary>
    public void SetForward(string user, FeatureKind kind, bool on, string? target = null, int? ringCount = null)
    {
        if (kind == FeatureKind.Dnd)
        {
            throw new ArgumentException("DND is not a forward; use SetDnd.", nameof(kind));
        }
        FeatureValue current;
        lock (_gate)
        {
            current = Find(user).Features[kind];
        }
        var number = string.IsNullOrWhiteSpace(target) ? current.Target : target.Trim();
        if (on && number is null)
        {
            throw new ArgumentException("A forward that is on needs a target number.", nameof(target));
        }
        var rings = kind == FeatureKind.ForwardNoAnswer ? ringCount ?? current.RingCount ?? _options.DefaultRingCount : (int?)null;
        Apply(user, kind, new FeatureValue(on, number, rings), "set on the server");
    }

    /// <summary>Stores a user's new value and NOTIFYs each of their subscriptions (RFC 6665 4.2.2), unless silent.</summary>
    private void Apply(string user, FeatureKind kind, FeatureValue value, string how)
    {
        List<SimulatedSubscription> subscriptions;
        bool silent;
        lock (_gate)
        {
            var record = Find(user);
            record.Features = record.Features.With(kind, value);
            record.LastEvent = $"{FeatureNames.Describe(kind, value)}: {how}";
            silent = Effective(record).Silent;
            subscriptions = _subscriptions.Values.Where(s => s.User == user).ToList();
        }
        if (!silent)
        {
            foreach (var subscription in subscriptions)
            {
                subscription.Notify(Content(subscription, NotifyBodies.One(kind, value, user)));
            }
        }
        Raise(user);
    }

    private SimulatedUserRecord Find(string user) =>
        _users.TryGetValue(user, out var record) ? record : throw new ArgumentException($"The simulator has no user '{user}'.", nameof(user));

    private SimulatorSwitches Effective(SimulatedUserRecord record) => _global.Or(record.Switches);

    private SimulatorSwitches EffectiveSwitches(string user)
    {
        lock (_gate)
        {
            return Effective(Find(user));
        }
    }

    private void Note(string user, string text)
    {
        lock (_gate)
        {
            Find(user).LastEvent = text;
        }
        Raise(user);
    }

    private SimulatedUserView ViewLocked(string user)
    {
        var record = _users[user];
        return new SimulatedUserView
        {
            User = user,
            Features = record.Features,
            Switches = record.Switches,
            Contact = record.RegisteredUntil > _time.GetUtcNow() ? record.Contact : null,
            RegisteredUntil = record.RegisteredUntil > _time.GetUtcNow() ? record.RegisteredUntil : null,
            Subscriptions = _subscriptions.Values.Count(s => s.User == user && !s.Ended),
            LastDialled = record.LastDialled,
            LastEvent = record.LastEvent,
            CodeProfile = (record.Account.CodeProfile ?? _options.CodeProfile).Name,
        };
    }

    private void Raise(string user)
    {
        SimulatedUserView view;
        lock (_gate)
        {
            view = ViewLocked(user);
        }
        foreach (var handler in Changed?.GetInvocationList() ?? [])
        {
            try
            {
                ((Action<SimulatedUserView>)handler)(view);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // A closed page must not stop the simulator or the other listeners.
                _logger.LogWarning(ex, "A simulator listener failed");
            }
        }
    }

    /// <summary>Checks the request's digest credentials (RFC 3261 22.4); answers 401 or 403 when they do not do.</summary>
    private bool Authenticate(ServerTransaction transaction, string user)
    {
        var request = transaction.Request;
        var authenticated = _digest.Verify(request, out var stale);
        if (authenticated is null)
        {
            transaction.Respond(_digest.Challenge(request, stale));
            return false;
        }
        if (!string.Equals(authenticated, user, StringComparison.Ordinal))
        {
            // Credentials of one user must not act for another.
            transaction.Respond(403, "Forbidden");
            return false;
        }
        return true;
    }

    /// <summary>Our Contact (RFC 3261 8.1.1.8) with the user part escaped: a dialled <c>#57#</c> must become <c>%2357%23</c>.</summary>
    private string ContactFor(string user) => Stack.ContactFor(Usages.SipUserPart.Escape(user), new SipEndPoint(SipTransportKind.Udp, EndPoint));

    private SipStack Stack => _stack ?? throw new InvalidOperationException("The simulator has not started.");

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }
        List<SimulatedSubscription> subscriptions;
        lock (_gate)
        {
            subscriptions = [.. _subscriptions.Values];
            _subscriptions.Clear();
        }
        foreach (var subscription in subscriptions)
        {
            subscription.ExpiryTimer?.Dispose();
        }
        foreach (var call in _calls.Values)
        {
            call.TryEnd();
        }
        if (_stack is not null)
        {
            await _stack.DisposeAsync().ConfigureAwait(false);
        }
        _socket?.Dispose();
    }
}
