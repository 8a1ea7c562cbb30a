using Phone.SipCore.Messages;

namespace Phone.SipCore.Transactions;

/// <summary>
/// Matches messages to transactions. Client side: branch and CSeq method (RFC 3261 17.1.3).
/// Server side: branch, sent-by and method, with ACK and CANCEL folded onto INVITE's
/// method slot only for ACK (RFC 3261 17.2.3; CANCEL is its own transaction).
/// </summary>
public readonly record struct TransactionKey(string Branch, string SentBy, string Method)
{
    public static TransactionKey ForClient(string branch, SipMethod method) => new(branch, "", method.Name);

    public static TransactionKey ForClient(SipResponse response) => new(response.TopVia.Branch ?? "", "", response.CSeq.Method.Name);

    public static TransactionKey ForServer(SipRequest request)
    {
        var via = request.TopVia;
        var method = request.Method == SipMethod.Ack ? SipMethod.Invite.Name : request.Method.Name;
        var branch = via.Branch ?? "";
        // RFC 2543 peers lack the magic cookie: fall back to dialog-ish fields (17.2.3).
        if (!branch.StartsWith("z9hG4bK", StringComparison.Ordinal))
        {
            branch = $"{branch}|{request.CallId}|{request.CSeq.Number}|{request.FromTag}";
        }
        return new TransactionKey(branch, $"{via.Host}:{via.Port ?? 0}", method);
    }
}
