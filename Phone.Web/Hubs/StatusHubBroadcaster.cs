using System.Globalization;
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
/// a client gets each line's latest state, not every intermediate one. Each round words a line
/// once per language and sends that language's group (<see cref="HubCultures"/>) one
/// <c>LineStatesChanged</c> message holding every line that changed, so every client reads its own
/// language and a NOTIFY storm costs one message per round instead of one per changed line.
/// </summary>
/// <remarks>
/// One message per round rather than per line (docs/performance.md, target 2): each SignalR send is
/// a write and a flush of the connection's pipe, which wakes its transport on a pool thread to write
/// the socket. In a 1,000 NOTIFY/s storm (about 500 changed lines a second) the pool's CPU with one
/// client connected went from 15-18 to 11-16 us per NOTIFY, and a client gets about 10 messages a
/// second instead of 500.
/// </remarks>
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

    /// <summary>
    /// The most lines in one message. A storm changes about 100 lines per round (1,000 NOTIFYs a
    /// second); a round after a burst on every line (the start of 1,000 lines) is split, so one
    /// message stays the size of 100 lines.
    /// </summary>
    public const int MaxLinesPerMessage = 100;

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
            // Each line appears once per round, so the order between a round's messages does not
            // matter; they are started together and awaited together, and rounds never overlap.
            var statuses = _pending.Take();
            statuses.Sort((a, b) => a.Line.CompareTo(b.Line)); // once, whatever the number of languages
            var sends = new List<Task>();
            foreach (var culture in UiCultures.All.Where(_audience.Listens))
            {
                var group = _hub.Clients.Group(HubCultures.GroupOf(culture));
                foreach (var lines in HubCultures.In(culture, () => Word(statuses)).Chunk(MaxLinesPerMessage))
                {
                    sends.Add(SendAsync(group, lines, culture, stoppingToken));
                }
            }
            await Task.WhenAll(sends);
            await Task.Delay(RoundInterval, _time, stoppingToken);
        }
    }

    // Wording one line is that line's alone: a status that cannot be worded is logged and left out
    // of the round, and the other lines still go (an exception out of a BackgroundService stops
    // the host).
    private List<LineStatusModel> Word(List<LineStatus> statuses)
    {
        var models = new List<LineStatusModel>(statuses.Count);
        foreach (var status in statuses)
        {
            try
            {
                models.Add(LineStatusModel.From(status, _words));
            }
            catch (Exception ex)
            {
                _logger.LogWarning(ex, "Wording line {Line} for {Culture} hub clients failed", status.Line, CultureInfo.CurrentUICulture.Name);
            }
        }
        return models;
    }

    // A failed send is logged and never ends the loop. Its lines go again when they next change; a
    // client that lost the connection asks GetStatus for the whole state when it reconnects.
    private async Task SendAsync(IClientProxy group, LineStatusModel[] lines, string culture, CancellationToken cancellationToken)
    {
        try
        {
            await group.SendAsync(StatusHub.LineStatesChanged, lines, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            _logger.LogWarning(ex, "Sending {Count} lines to {Culture} hub clients failed", lines.Length, culture);
        }
    }
}
