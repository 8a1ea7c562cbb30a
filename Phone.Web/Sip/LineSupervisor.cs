using Phone.SipCore.SyncLog;
using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Phone.SipCore.Configuration;
using Phone.SipCore.Diagnostics;
using Phone.SipCore.FeatureSync.Model;
using Phone.SipCore.Hosting;
using Phone.SipCore.Lines;
using Phone.SipCore.Stack;
using Phone.SipCore.Transport;
using Phone.Storage.Features;
using Phone.Storage.Lines;
using Phone.Storage.Profiles;

namespace Phone.Web.Sip;

/// <summary>
/// Runs one <see cref="LineAgent"/> per line from the stored settings, replaces a line's agent
/// when its settings change (re-register, resubscribe at once), and takes phone-side changes
/// for the agents. Starts after the database and the SIP listener.
/// </summary>
public sealed class LineSupervisor(
    SipListener listener,
    SipListenOptions listenOptions,
    LineStatusFeed feed,
    ILineEventSink events,
    LineRepository lines,
    LineCredentialReader credentials,
    PbxProfileRepository profiles,
    FeatureStateRepository featureStates,
    TimeProvider time,
    ILoggerFactory loggers,
    ILogger<LineSupervisor> logger,
    IMeterFactory meters,
    ICheckSyncListener? checkSync = null) : IHostedService, IFeatureChangeService, ISipDiagnostics, IAsyncDisposable
{
    private readonly ConcurrentDictionary<int, LineAgent> _agents = new();
    private readonly SemaphoreSlim _changes = new(1, 1);
    private SipStack? _stack;
    private LineAgentContext? _context;
    private Task? _stopping;
    private Task _firstRound = Task.CompletedTask;

    public SipStack Stack => _stack ?? throw new InvalidOperationException("The SIP core has not started.");

    /// <summary>
    /// Completes once every line started with the host has had its first REGISTER answered or
    /// failed, and its first SUBSCRIBE too where it subscribes (<see cref="LineAgent.FirstRound"/>).
    /// </summary>
    public Task FirstRound => _firstRound;

    public IReadOnlyDictionary<string, long> DropCounts => _stack?.DropCounts ?? new Dictionary<string, long>();

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        // The host's meter factory: dotnet-counters and /metrics see FeatureSync.Sip, and the host disposes it.
        _stack = SipStackFactory.Create(listener, listenOptions, time, loggers, events, new SipMetrics(meters.Create(SipMetrics.MeterName)));
        // The provisioning service takes the lines' check-sync requests; without it they are answered 489.
        _context = new LineAgentContext(_stack, SipStackFactory.CreateResolver(loggers), feed, events, time, loggers)
        {
            CheckSync = checkSync,
            // 2,000 first REGISTERs a second, 50 at once: all of 1,000 lines within half a second,
            // a pace a registrar takes and no burst that overflows the socket buffers
            // (docs/performance.md, "Target 5": 4,000 a second made the NOTIFY answers late).
            StartPacer = new StartPacer(time, perSecond: 2000, burst: 50),
        };
        await StartAllAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The first start of every line, read in four queries (lines, profiles, feature states,
    /// credentials) instead of some per line: with 1,000 lines the per-line reads took longer
    /// than registering (StartAllAsync took 440-800 ms with a credentials query per line, 141-147
    /// ms with one; docs/performance.md).
    /// </summary>
    private async Task StartAllAsync(CancellationToken cancellationToken)
    {
        await _changes.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var profilesById = (await profiles.GetAllAsync(cancellationToken).ConfigureAwait(false)).ToDictionary(p => p.Id);
            var states = (await featureStates.GetAllAsync(cancellationToken).ConfigureAwait(false)).ToDictionary(s => s.Line);
            var secrets = await credentials.GetAllAsync(cancellationToken).ConfigureAwait(false);
            int started = 0, enabled = 0, synced = 0;
            foreach (var view in await lines.GetAllAsync(cancellationToken).ConfigureAwait(false))
            {
                var profile = view.PbxProfileId is { } id ? profilesById.GetValueOrDefault(id) : null;
                var configuration = Configure(view, profile, secrets.GetValueOrDefault(view.Number));
                var state = states.GetValueOrDefault(view.Number)
                    ?? await featureStates.GetAsync(view.Number, cancellationToken).ConfigureAwait(false);
                // One line each at Debug, one for all at Information: 1,000 console lines were
                // written while the lines registered (performance.md, target 5).
                StartAgent(configuration, state, LogLevel.Debug);
                started++;
                enabled += configuration.Settings.Enabled ? 1 : 0;
                synced += configuration.Settings.Enabled && configuration.Settings.FeatureSync ? 1 : 0;
            }
            logger.LogInformation("{Started} lines started: {Enabled} enabled, {Synced} of them with feature sync", started, enabled, synced);
            _firstRound = Task.WhenAll(_agents.Values.Select(agent => agent.FirstRound));
        }
        finally
        {
            _changes.Release();
        }
    }

    /// <summary>Re-reads every line's settings and restarts the lines whose configuration changed.</summary>
    public async Task ApplyAllAsync(CancellationToken cancellationToken = default)
    {
        foreach (var view in await lines.GetAllAsync(cancellationToken).ConfigureAwait(false))
        {
            await ApplyAsync(view.Number, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Re-reads one line's settings; if they changed, the old agent stops and a new one starts.</summary>
    public async Task ApplyAsync(int line, CancellationToken cancellationToken = default)
    {
        await _changes.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var configuration = await LoadAsync(line, cancellationToken).ConfigureAwait(false);
            if (configuration is null)
            {
                if (_agents.TryRemove(line, out var removed))
                {
                    await removed.DisposeAsync().ConfigureAwait(false);
                }
                feed.Remove(line);
                return;
            }
            LineFeatureState state;
            if (_agents.TryGetValue(line, out var current))
            {
                if (current.Configuration == configuration)
                {
                    return;
                }
                state = current.Status.Features;
                await current.DisposeAsync().ConfigureAwait(false);
            }
            else
            {
                state = await featureStates.GetAsync(line, cancellationToken).ConfigureAwait(false);
            }
            StartAgent(configuration, state, LogLevel.Information);
        }
        finally
        {
            _changes.Release();
        }
    }

    private void StartAgent(LineConfiguration configuration, LineFeatureState state, LogLevel level)
    {
        var agent = new LineAgent(configuration, state, _context!);
        _agents[configuration.Line] = agent;
        agent.Start();
        logger.Log(level, "Line {Line} started ({Enabled}, sync {Sync}, profile {Profile})", configuration.Line,
            configuration.Settings.Enabled ? "enabled" : "disabled", configuration.Settings.FeatureSync ? "on" : "off",
            configuration.Profile?.Name ?? "none");
    }

    public async ValueTask<FeatureChangeResult> RequestAsync(int line, FeatureWish wish, CancellationToken cancellationToken)
    {
        if (!_agents.TryGetValue(line, out var agent))
        {
            return FeatureChangeResult.Refused(StatusPhrase.Of(StatusPhraseCode.LineMissing, SyncLogArg.Text(line)));
        }
        return await agent.RequestAsync(wish).WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Runs the line's diagnosis (issue 16); null when the line has no agent (unknown line).</summary>
    public async Task<Phone.SipCore.Lines.Diagnosis.LineDiagnosis?> DiagnoseAsync(int line,
        Phone.SipCore.Lines.Diagnosis.DiagnosisRequest request, CancellationToken cancellationToken)
    {
        if (!_agents.TryGetValue(line, out var agent))
        {
            return null;
        }
        return await agent.DiagnoseAsync(request, cancellationToken).ConfigureAwait(false);
    }

    private async Task<LineConfiguration?> LoadAsync(int line, CancellationToken cancellationToken)
    {
        var view = await lines.GetAsync(line, cancellationToken).ConfigureAwait(false);
        if (view is null)
        {
            return null;
        }
        var profile = view.PbxProfileId is { } id ? await profiles.GetAsync(id, cancellationToken).ConfigureAwait(false) : null;
        return await ConfigureAsync(view, profile, cancellationToken).ConfigureAwait(false);
    }

    private async Task<LineConfiguration> ConfigureAsync(LineView view, PbxProfile? profile, CancellationToken cancellationToken) =>
        Configure(view, profile, await credentials.GetAsync(view.Number, cancellationToken).ConfigureAwait(false));

    private static LineConfiguration Configure(LineView view, PbxProfile? profile, SipCredentials? secret)
    {
        var settings = view.ToSettings() with { Password = null };
        // The stored token keeps the line's Contact the same across restarts (two lines may share a user).
        return new LineConfiguration(settings, profile, secret?.Password ?? "") { ContactToken = view.ContactToken };
    }

    /// <summary>
    /// Stops once: the host's stop and the container's dispose can both call this, and under
    /// WebApplicationFactory they overlap; a second caller awaits the first stop.
    /// </summary>
    public Task StopAsync(CancellationToken cancellationToken)
    {
        lock (_agents)
        {
            return _stopping ??= StopOnceAsync();
        }
    }

    private async Task StopOnceAsync()
    {
        // Lines stop together: each un-REGISTERs with a bounded wait.
        await Task.WhenAll(_agents.Values.Select(a => a.DisposeAsync().AsTask())).ConfigureAwait(false);
        _agents.Clear();
        if (_stack is not null)
        {
            await _stack.DisposeAsync().ConfigureAwait(false);
            _stack = null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(CancellationToken.None).ConfigureAwait(false);
        _changes.Dispose();
    }
}
