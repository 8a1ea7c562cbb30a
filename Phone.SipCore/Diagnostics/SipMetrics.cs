using System.Diagnostics.Metrics;

namespace Phone.SipCore.Diagnostics;

/// <summary>
/// The phone's sync health as <see cref="System.Diagnostics.Metrics"/> counters (Meter
/// <c>FeatureSync.Sip</c>): what <c>dotnet-counters monitor -n Phone.Web --counters FeatureSync.Sip</c>
/// shows. Counting is an interlocked add per instrument and tag set, cheap enough for the
/// NOTIFY path; with no listener the instruments do nothing at all.
/// </summary>
public sealed class SipMetrics : IDisposable
{
    public const string MeterName = "FeatureSync.Sip";

    private readonly bool _ownsMeter;
    private readonly Counter<long> _notifiesReceived;
    private readonly Counter<long> _notifiesAnswered;
    private readonly Counter<long> _setRequests;
    private readonly Counter<long> _setOutcomes;
    private readonly Counter<long> _requestsRefused;

    /// <param name="meter">A meter named <see cref="MeterName"/> (from the host's IMeterFactory); null: one of its own.</param>
    public SipMetrics(Meter? meter = null)
    {
        _ownsMeter = meter is null;
        Meter = meter ?? new Meter(MeterName);
        _notifiesReceived = Meter.CreateCounter<long>("featuresync.sip.notifies.received", "{notify}",
            "NOTIFY requests received and parsed, retransmissions included.");
        _notifiesAnswered = Meter.CreateCounter<long>("featuresync.sip.notifies.answered", "{notify}",
            "NOTIFY transactions answered with a final response, by status class (2xx, 4xx, 5xx...).");
        _setRequests = Meter.CreateCounter<long>("featuresync.sip.set.requests", "{request}",
            "Set requests (as-feature-event SUBSCRIBE with a Set document) sent to the server.");
        _setOutcomes = Meter.CreateCounter<long>("featuresync.sip.set.outcomes", "{request}",
            "How Set requests ended: confirmed, rejected, timed_out (no NOTIFY in the window) or failed (no answer).");
        _requestsRefused = Meter.CreateCounter<long>("featuresync.sip.requests.refused", "{request}",
            "Requests refused before any line saw them: untrusted (403) or busy (503, the line's queue was full).");
    }

    public Meter Meter { get; }

    public void NotifyReceived() => _notifiesReceived.Add(1);

    public void NotifyAnswered(int statusCode) =>
        _notifiesAnswered.Add(1, new KeyValuePair<string, object?>("status_class", StatusClass(statusCode)));

    public void SetRequested() => _setRequests.Add(1);

    public void SetEnded(SetOutcome outcome) =>
        _setOutcomes.Add(1, new KeyValuePair<string, object?>("outcome", outcome switch
        {
            SetOutcome.Confirmed => "confirmed",
            SetOutcome.Rejected => "rejected",
            SetOutcome.TimedOut => "timed_out",
            _ => "failed",
        }));

    public void RequestRefused(RefusalReason reason) =>
        _requestsRefused.Add(1, new KeyValuePair<string, object?>("reason", reason == RefusalReason.Untrusted ? "untrusted" : "busy"));

    // Constant strings: no allocation per answer.
    private static string StatusClass(int statusCode) => (statusCode / 100) switch
    {
        1 => "1xx",
        2 => "2xx",
        3 => "3xx",
        4 => "4xx",
        5 => "5xx",
        _ => "6xx",
    };

    public void Dispose()
    {
        if (_ownsMeter)
        {
            Meter.Dispose();
        }
    }
}
