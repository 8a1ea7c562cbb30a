using System.Globalization;
using System.Text;
using Phone.SipCore.Messages;
using Phone.SipCore.Parsing;

namespace Phone.SipCore.Transactions;

/// <summary>
/// Matches messages to transactions. Client side: branch and CSeq method (RFC 3261 17.1.3).
/// Server side: branch, sent-by and method, with ACK and CANCEL folded onto INVITE's
/// method slot only for ACK (RFC 3261 17.2.3; CANCEL is its own transaction).
/// </summary>
public readonly record struct TransactionKey(string Branch, string SentBy, string Method)
{
    public static TransactionKey ForClient(string branch, SipMethod method) => new(branch, "", method.Name);

    public static TransactionKey ForClient(SipResponse response) => new(TopBranch(response), "", response.CSeq.Method.Name);

    /// <summary>
    /// The top Via's branch, "" when it has none: what <c>TopVia.Branch</c> gives, read from the
    /// bytes for the usual Via so a response (or a request the phone sends) is matched without
    /// parsing every Via into objects.
    /// </summary>
    public static string TopBranch(SipMessage message) =>
        TryReadTopVia(message, withSentBy: false, out var branch, out _) ? branch : message.TopVia.Branch ?? "";

    public static TransactionKey ForServer(SipRequest request)
    {
        var method = request.Method == SipMethod.Ack ? SipMethod.Invite.Name : request.Method.Name;
        string branch, sentBy;
        if (!TryReadTopVia(request, withSentBy: true, out branch, out sentBy))
        {
            var via = request.TopVia;
            branch = via.Branch ?? "";
            sentBy = $"{via.Host}:{via.Port ?? 0}";
        }
        // RFC 2543 peers lack the magic cookie: fall back to dialog-ish fields (17.2.3).
        if (!branch.StartsWith("z9hG4bK", StringComparison.Ordinal))
        {
            branch = $"{branch}|{request.CallId}|{request.CSeq.Number}|{request.FromTag}";
        }
        return new TransactionKey(branch, sentBy, method);
    }

    // Every message received makes a key, so the usual one (one via-parm in the first Via line,
    // its branch a plain token) is read from the bytes, giving what the Via object would give
    // (host as written, port or 0, the first branch parameter's value) without parsing every
    // Via into objects; anything else (a list in that line, a quoted branch) takes TopVia.
    private static bool TryReadTopVia(SipMessage message, bool withSentBy, out string branch, out string sentBy)
    {
        branch = sentBy = "";
        var value = message.GetValueSpan(HeaderId.Via);
        if (!ViaParser.TryParse(value, out var parts, out _))
        {
            return false;
        }
        var parameters = value[parts.ParamsStart..];
        if (!ParameterParser.ValidateAndFind(parameters, "branch"u8, out var found)
            || (found.Start.Value > 0 && parameters[found.Start.Value - 1] == '"'))
        {
            return false;
        }
        branch = Encoding.UTF8.GetString(parameters[found]);
        if (!withSentBy)
        {
            return true;
        }
        var host = Encoding.ASCII.GetString(value.Slice(parts.HostStart, parts.HostLength));
        sentBy = string.Concat(host, ":", (parts.Port < 0 ? 0 : parts.Port).ToString(CultureInfo.InvariantCulture));
        return true;
    }
}
