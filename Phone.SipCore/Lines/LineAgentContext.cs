using Microsoft.Extensions.Logging;
using Phone.SipCore.FeatureSync.AsFeatureEvent;
using Phone.SipCore.Stack;
using Phone.SipCore.Transport.Dns;
using Phone.SipCore.Usages;

namespace Phone.SipCore.Lines;

/// <summary>What every line agent shares: the stack, DNS, the live feed, the event sink, time and options.</summary>
public sealed record LineAgentContext(
    SipStack Stack,
    SipTargetResolver Resolver,
    LineStatusFeed Feed,
    ILineEventSink? Events,
    TimeProvider Time,
    ILoggerFactory Loggers)
{
    public AsFeatureEventOptions SyncOptions { get; init; } = new();

    public SubscriptionOptions SubscriptionOptions { get; init; } = new();

    public FeatureCodeOptions FeatureCodeOptions { get; init; } = new();

    /// <summary>Who re-provisions the phone when a line's server sends check-sync; null: check-sync is not taken (489).</summary>
    public ICheckSyncListener? CheckSync { get; init; }

    /// <summary>Paces the lines' first REGISTERs (start-up of many lines); null: each line registers at once.</summary>
    public StartPacer? StartPacer { get; init; }

    /// <summary>Requests from the network a line holds before the stack answers 503 for it.</summary>
    public int RequestQueueCapacity { get; init; } = LineWorkQueue.DefaultRequestCapacity;
}
