namespace Phone.SipCore.Usages;

/// <summary>
/// How one feature-code call ended (docs/protocol.md section 2). A PBX cannot report back
/// over a feature code, so success means "sent, not confirmable", never "confirmed".
/// </summary>
/// <param name="Success">The PBX answered 2xx: the code was delivered.</param>
/// <param name="Status">The final status received, if any (200, 404, 487...).</param>
/// <param name="Detail">For the line's log and the UI: a status line ("404 Not Found") or an encoded <see cref="SyncLog.StatusPhrase"/> ("sent, not confirmable (200 OK; the PBX hung up)").</param>
/// <param name="RequestUri">The Request-URI dialled, escaped as sent (e.g. <c>sip:*57*2424%23@pbx</c>).</param>
/// <param name="CallId">The call's Call-ID, to find its messages in the trace; null when nothing was sent.</param>
/// <param name="NotAnswered">No final response came in time: the phone cancelled (RFC 3261 9.1) or Timer B fired.</param>
public sealed record FeatureCodeOutcome(bool Success, int? Status, string Detail, string RequestUri, string? CallId = null, bool NotAnswered = false);
