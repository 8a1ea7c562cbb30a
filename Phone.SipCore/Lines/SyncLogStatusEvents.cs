using Phone.SipCore.SyncLog;

namespace Phone.SipCore.Lines;

/// <summary>The sync log events for a registration state or subscription status the line reports.</summary>
internal static class SyncLogStatusEvents
{
    /// <param name="detail">The registrar's answer or the retry plan, kept as the event's detail.</param>
    public static SyncLogEvent Registration(RegistrationState state, string? detail) => WithDetail(state switch
    {
        RegistrationState.Disabled => SyncLogCode.RegistrationDisabled,
        RegistrationState.Idle => SyncLogCode.RegistrationIdle,
        RegistrationState.Registering => SyncLogCode.RegistrationRegistering,
        RegistrationState.Registered => SyncLogCode.RegistrationRegistered,
        RegistrationState.Failed => SyncLogCode.RegistrationFailed,
        _ => SyncLogCode.RegistrationUnregistered,
    }, detail);

    /// <remarks>
    /// The detail of the quiet states only restates the status ("accepted; waiting for the
    /// first NOTIFY"), so it is left out; the server's answer is kept for the failing ones.
    /// </remarks>
    public static SyncLogEvent Subscription(SubscriptionStatus status, string? detail) => status switch
    {
        SubscriptionStatus.NotUsed => SyncLogEvent.Of(SyncLogCode.SubscriptionNotUsed),
        SubscriptionStatus.Subscribing => SyncLogEvent.Of(SyncLogCode.SubscriptionSubscribing),
        SubscriptionStatus.WaitingForState => SyncLogEvent.Of(SyncLogCode.SubscriptionWaitingForState),
        SubscriptionStatus.Active => SyncLogEvent.Of(SyncLogCode.SubscriptionActive),
        SubscriptionStatus.Unsupported => WithDetail(SyncLogCode.SubscriptionUnsupported, detail),
        SubscriptionStatus.Terminated => WithDetail(SyncLogCode.SubscriptionTerminated, detail),
        _ => WithDetail(SyncLogCode.SubscriptionFailed, detail),
    };

    private static SyncLogEvent WithDetail(SyncLogCode code, string? detail) =>
        detail is null ? SyncLogEvent.Of(code) : SyncLogEvent.Of(code, SyncLogArg.Detail(detail));
}
