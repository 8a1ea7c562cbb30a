using Phone.SipCore.SyncLog;
namespace Phone.SipCore.FeatureSync.Local;

/// <summary>What the phone does with an incoming INVITE when it executes DND and forwarding itself.</summary>
public abstract record IncomingCallDecision
{
    /// <summary>Why, as the event the line logs (the caller and target are added by the handler).</summary>
    public required SyncLogCode Reason { get; init; }

    /// <summary><c>486 Busy Here</c>.</summary>
    public sealed record Busy : IncomingCallDecision;

    /// <summary><c>302 Moved Temporarily</c> with <c>Contact</c> to the target.</summary>
    public sealed record Redirect(string Target) : IncomingCallDecision;

    /// <summary>
    /// <c>180 Ringing</c>; when <see cref="NoAnswerTarget"/> is set, redirect there after
    /// <see cref="NoAnswerAfter"/> unless the call is answered or cancelled first.
    /// </summary>
    public sealed record Ring(string? NoAnswerTarget, TimeSpan NoAnswerAfter) : IncomingCallDecision;
}
