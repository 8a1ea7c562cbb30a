using Phone.SipCore.FeatureSync.AsFeatureEvent;
using Phone.SipCore.FeatureSync.Model;
using Phone.SipCore.SyncLog;
using Phone.SipCore.FeatureSync.Documents;

namespace Phone.SipCore.FeatureSync.Csta;

/// <summary>
/// Decides the answer to each uaCSTA request (docs/protocol.md section 4). Pure: it never
/// touches the line itself; the caller applies <see cref="CstaOutcome.Change"/> in order.
/// Unknown or malformed requests get a CSTA error response, never a crash.
/// </summary>
public static class CstaRequestHandler
{
    public static CstaOutcome Handle(CstaRequest request, CstaStateSnapshot state, string monitorCrossRefId) => request switch
    {
        CstaRequest.MonitorStart =>
            new(CstaResponseWriter.MonitorStartResponse(monitorCrossRefId), null, SyncLogEvent.Of(SyncLogCode.CstaMonitorStarted, SyncLogArg.Text(monitorCrossRefId))),
        CstaRequest.GetDoNotDisturb =>
            new(CstaResponseWriter.GetDoNotDisturbResponse(state.DoNotDisturb), null, SyncLogEvent.Of(SyncLogCode.CstaReadDnd)),
        CstaRequest.GetForwarding =>
            new(CstaResponseWriter.GetForwardingResponse(state.Forwards), null, SyncLogEvent.Of(SyncLogCode.CstaReadForwarding)),
        CstaRequest.SetDnd set =>
            new(CstaResponseWriter.SetDoNotDisturbResponse(), set.Document,
                SyncLogEvent.About(SyncLogCode.CstaSet, FeatureKind.Dnd, new FeatureValue(set.Document.DoNotDisturbOn, null, null))),
        CstaRequest.SetForward { Document: { ActivateForward: true, ForwardDn: null } } set =>
            new(CstaResponseWriter.Error("invalidForwardingDestination"), null,
                SyncLogEvent.Of(SyncLogCode.CstaRefusedNoDestination, SyncLogArg.Feature(FeatureDocumentMapping.ToKind(set.Document.ForwardingType)))),
        CstaRequest.SetForward set =>
            new(CstaResponseWriter.SetForwardingResponse(), set.Document,
                SyncLogEvent.About(SyncLogCode.CstaSet, FeatureDocumentMapping.ToKind(set.Document.ForwardingType),
                    new FeatureValue(set.Document.ActivateForward, set.Document.ForwardDn, set.Document.RingCount))),
        CstaRequest.Unsupported unsupported =>
            new(CstaResponseWriter.Error("requestIncompatibleWithObject"), null, SyncLogEvent.Of(SyncLogCode.CstaUnsupported, SyncLogArg.Text(unsupported.RootName))),
        CstaRequest.Malformed malformed =>
            new(CstaResponseWriter.Error("generic"), null, SyncLogEvent.Of(SyncLogCode.CstaMalformed, SyncLogArg.Detail(malformed.Reason))),
        _ => new(CstaResponseWriter.Error("generic"), null, SyncLogEvent.Of(SyncLogCode.CstaNotUnderstood)),
    };
}
