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

    public StatusHubBroadcaster(ILineStatusFeed feed, IHubContext<StatusHub> hub, LivePushMetrics metrics,
        SyncLogRenderer words, HubAudience audience, ILogger<StatusHubBroadcaster> logger)
    {
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
            foreach (var status in _pending.Take())
            {
                foreach (var culture in UiCultures.All.Where(_audience.Listens))
                {
                    try
                    {
                        var model = HubCultures.In(culture, () => LineStatusModel.From(status, _words));
                        await _hub.Clients.Group(HubCultures.GroupOf(culture)).SendAsync(StatusHub.LineStateChanged, model, stoppingToken);
                    }
                    catch (Exception ex) when (ex is not OperationCanceledException)
                    {
                        _logger.LogWarning(ex, "Sending line {Line} to {Culture} hub clients failed", status.Line, culture);
                    }
                }
            }
        }
    }
}
