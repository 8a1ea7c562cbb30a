using System.Diagnostics.Metrics;

namespace Phone.Web.Status;

/// <summary>
/// Meter <c>FeatureSync.Web</c>: line statuses pushed to live views (the SignalR hub, Status
/// pages) and those replaced by a newer one before they were sent (coalesced), by view.
/// </summary>
internal sealed class LivePushMetrics
{
    public const string MeterName = "FeatureSync.Web";

    private readonly Counter<long> _sent;
    private readonly Counter<long> _coalesced;

    public LivePushMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _sent = meter.CreateCounter<long>("featuresync.web.live_pushes.sent", "{status}",
            "Line statuses sent to a live view (view=hub or page).");
        _coalesced = meter.CreateCounter<long>("featuresync.web.live_pushes.coalesced", "{status}",
            "Line statuses replaced by a newer one of the same line before they were sent (view=hub or page).");
    }

    public const string Hub = "hub";
    public const string Page = "page";

    public void Sent(string view, int count)
    {
        if (count > 0)
        {
            _sent.Add(count, new KeyValuePair<string, object?>("view", view));
        }
    }

    public void Coalesced(string view) => _coalesced.Add(1, new KeyValuePair<string, object?>("view", view));
}
