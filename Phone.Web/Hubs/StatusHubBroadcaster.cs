using System.Threading.Channels;
using Microsoft.AspNetCore.SignalR;
using Phone.SipCore.Lines;
using Phone.Web.Api;

namespace Phone.Web.Hubs;

/// <summary>
/// Forwards every published line snapshot to the hub's clients. The feed calls back on the
/// SIP core's thread, so snapshots are queued and sent one at a time, in order.
/// </summary>
internal sealed class StatusHubBroadcaster(ILineStatusFeed feed, IHubContext<StatusHub> hub,
    ILogger<StatusHubBroadcaster> logger) : BackgroundService
{
    private readonly Channel<LineStatus> _queue = Channel.CreateBounded<LineStatus>(
        new BoundedChannelOptions(1024) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var subscription = feed.Subscribe(status => _queue.Writer.TryWrite(status));
        await foreach (var status in _queue.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                await hub.Clients.All.SendAsync(StatusHub.LineStateChanged, LineStatusModel.From(status), stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Sending line {Line} to hub clients failed", status.Line);
            }
        }
    }
}
