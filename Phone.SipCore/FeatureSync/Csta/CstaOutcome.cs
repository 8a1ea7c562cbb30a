using Phone.SipCore.SyncLog;
using Phone.SipCore.FeatureSync.Documents;

namespace Phone.SipCore.FeatureSync.Csta;

/// <summary>
/// How to answer one uaCSTA request: the body of the 200 (a response element or a CSTA
/// error), the change to apply to the line if any, and a line for the sync log.
/// </summary>
public sealed record CstaOutcome(string ResponseBody, FeatureDocument? Change, SyncLogEvent Log)
{
    public bool IsError => ResponseBody.Contains("<CSTAErrorCode", StringComparison.Ordinal);
}
