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
            new(CstaResponseWriter.MonitorStartResponse(monitorCrossRefId), null, $"uaCSTA monitor started ({monitorCrossRefId})"),
        CstaRequest.GetDoNotDisturb =>
            new(CstaResponseWriter.GetDoNotDisturbResponse(state.DoNotDisturb), null, "uaCSTA server read DND"),
        CstaRequest.GetForwarding =>
            new(CstaResponseWriter.GetForwardingResponse(state.Forwards), null, "uaCSTA server read forwarding"),
        CstaRequest.SetDnd set =>
            new(CstaResponseWriter.SetDoNotDisturbResponse(), set.Document,
                $"uaCSTA server set DND {(set.Document.DoNotDisturbOn ? "on" : "off")}"),
        CstaRequest.SetForward { Document: { ActivateForward: true, ForwardDn: null } } set =>
            new(CstaResponseWriter.Error("invalidForwardingDestination"), null,
                $"uaCSTA refused {FeatureXml.ToWire(set.Document.ForwardingType)} on without a forwardDN"),
        CstaRequest.SetForward set =>
            new(CstaResponseWriter.SetForwardingResponse(), set.Document,
                $"uaCSTA server set {FeatureXml.ToWire(set.Document.ForwardingType)} " +
                (set.Document.ActivateForward ? $"on to {set.Document.ForwardDn}" : "off")),
        CstaRequest.Unsupported unsupported =>
            new(CstaResponseWriter.Error("requestIncompatibleWithObject"), null, $"uaCSTA request {unsupported.RootName} not supported"),
        CstaRequest.Malformed malformed =>
            new(CstaResponseWriter.Error("generic"), null, $"uaCSTA request refused: {malformed.Reason}"),
        _ => new(CstaResponseWriter.Error("generic"), null, "uaCSTA request not understood"),
    };
}
