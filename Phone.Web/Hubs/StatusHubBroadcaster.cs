using System.Threading.Channels;
using Microsoft.AspNetCore.SignalR;
using Phone.SipCore.Lines;
using Phone.Web.Api;
using Phone.Web.Localization;
using Phone.Web.Status;

namespace Phone.Web.Hubs;

/// <summary>
/// Forwards line snapshots to the hub's clients. The feed calls back on the lines' queues, so
/// snapshots are coalesced per line (<see cref="LineStatusCoalescer"/>) and sent by one loop:
/// a client gets each line's latest state, not every intermediate one, and a NOTIFY storm costs
/// one send per line per round instead of one per NOTIFY. Each round words a line once per language
/// and sends it to that language's group (<see cref="HubCultures"/>), so every client reads its own.
/// </summary>
internal sealed class StatusHubBroadcaster : BackgroundService
{
    private readonly ILineStatusFeed _feed;
    private readonly IHubContext<StatusHub> _hub;
    private readonly ILogger<StatusHubBroadcaster> _logger;
    private readonly LineStatusCoalescer _pending;

    // One pending wake-up covers any number of offers.
    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(
        new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });

    private readonly SyncLogRenderer _words;

    private readonly HubAudience _audience;
    private readonly TimeProvider _time;

    /// <summary>
    /// The shortest time between two rounds. A change after a quiet spell goes out at once; in a
    /// storm the rounds come at most this often, each with every line's newest state, so the
    /// loop wakes 10 times a second instead of once per NOTIFY and a line changed several
    /// times within it is sent once.
    /// </summary>
    public static readonly TimeSpan RoundInterval = TimeSpan.FromMilliseconds(100);

    public StatusHubBroadcaster(ILineStatusFeed feed, IHubContext<StatusHub> hub, LivePushMetrics metrics,
        SyncLogRenderer words, HubAudience audience, TimeProvider time, ILogger<StatusHubBroadcaster> logger)
    {
        _time = time;
        _audience = audience;
        _words = words;
        _feed = feed;
        _hub = hub;
        _logger = logger;
        _pending = new LineStatusCoalescer(() => _wake.Writer.TryWrite(true), metrics, LivePushMetrics.Hub);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // With nobody connected a status is not even kept: no offer, no wake-up of this loop
        // (at 1,000 NOTIFY/s each one cost a thread-pool hand-off). A client that connects asks
        // GetStatus for the whole state first.
        using var subscription = _feed.Subscribe(status =>
        {
            if (_audience.Anyone)
            {
                _pending.Offer(status);
            }
        });
        await foreach (var _ in _wake.Reader.ReadAllAsync(stoppingToken))
        {
            if (!UiCultures.All.Any(_audience.Listens))
            {
                // Nobody listens: a client that connects later asks GetStatus for the whole state.
                _pending.Discard();
                continue;
            }
            // A round's sends are started together and awaited together: SignalR writes each one
            // into its connection's pipe, and the transport sends whatever has gathered there in
            // one write, instead of one system call and one flush per line. Each line appears
            // once per round, so the order between them does not matter; rounds never overlap.
            var statuses = _pending.Take();
            var sends = new List<Task>(statuses.Count);
            foreach (var culture in UiCultures.All.Where(_audience.Listens))
            {
                var group = _hub.Clients.Group(HubCultures.GroupOf(culture));
                foreach (var status in statuses)
                {
                    sends.Add(SendAsync(group, status, culture, stoppingToken));
                }
            }
            await Task.WhenAll(sends);
            await Task.Delay(RoundInterval, _time, stoppingToken);
        }
    }

    // Wording and sending one line in one culture: a failure of either is that line's alone,
    // logged, and never ends the loop (an exception out of a BackgroundService stops the host).
    private async Task SendAsync(IClientProxy group, LineStatus status, string culture, CancellationToken cancellationToken)
    {
        try
        {
            var model = HubCultures.In(culture, () => LineStatusModel.From(status, _words));
            await group.SendAsync(StatusHub.LineStateChanged, model, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            _logger.LogWarning(ex, "Sending line {Line} to {Culture} hub clients failed", status.Line, culture);
        }
    }
}
