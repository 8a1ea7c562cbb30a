using System.Net;
using Phone.SipCore.Dialogs;
using Phone.SipCore.FeatureSync.Csta;
using Phone.SipCore.Messages;
using Phone.SipCore.Transport;
using Phone.SipCore.Transport.Dns;
using Phone.SipCore.Usages;

namespace Phone.SipCore.Lines;

/// <summary>
/// "Only a line's own server may change the line" (docs/protocol.md section 8.3). A request is
/// trusted when it comes from an address the line's server resolves to: every target the
/// registration resolved (registrar or outbound proxy, each SRV target's A/AAAA, so a failover
/// target is trusted while the line uses it), the registrar's own addresses when an outbound
/// proxy is used, the profile's extra trusted hosts and ranges, or the TLS connection the line
/// opened to its server (whose certificate the transport verified). Untrusted in-dialog
/// requests (NOTIFY, uaCSTA INFO) and out-of-dialog ones (uaCSTA INVITE) are refused; a plain
/// incoming call from elsewhere is taken unless the line accepts calls only from its server.
/// <para>Read on the receive path: every input is an immutable snapshot read whole.</para>
/// </summary>
public sealed class LineTrustPolicy(
    Func<RegistrationClient?> registration,
    IReadOnlyList<IPNetwork> trustedRanges,
    bool callsOnlyFromServer,
    Action<SipEndPoint, string> refused) : IRequestTrust
{
    private volatile IReadOnlyList<IPAddress> _resolved = [];

    /// <summary>
    /// Addresses that names resolve to (the registrar behind an outbound proxy, the profile's
    /// trusted host names); replaced whole when they are resolved again.
    /// </summary>
    public void SetResolvedAddresses(IReadOnlyList<IPAddress> addresses) => _resolved = [.. addresses.Select(Normalize)];

    public TrustVerdict Check(SipRequest request, SipEndPoint source, bool inDialog)
    {
        if (IsServer(source))
        {
            return TrustVerdict.Allow;
        }
        if (!inDialog && request.Method == SipMethod.Invite && !CstaSession.IsCstaInvite(request) && !callsOnlyFromServer)
        {
            // As on common desk phones: anyone may call; DND and forwarding still run locally.
            return TrustVerdict.Allow;
        }
        return TrustVerdict.Refuse(Describe(request));
    }

    public void OnRefused(SipRequest request, SipEndPoint source, TrustVerdict verdict) =>
        refused(source, verdict.Attempt ?? request.Method.Name);

    /// <summary>Whether <paramref name="source"/> is this line's server by any of the rules above.</summary>
    public bool IsServer(SipEndPoint source)
    {
        var address = Normalize(source.EndPoint.Address);
        var client = registration();
        if (client is not null)
        {
            if (source.Transport == SipTransportKind.Tls && client.Target is { Transport: SipTransportKind.Tls } tls
                && Normalize(tls.EndPoint.Address).Equals(address) && tls.EndPoint.Port == source.EndPoint.Port)
            {
                return true; // the connection the line opened and the transport verified (RFC 5922)
            }
            foreach (var target in client.ServerTargets)
            {
                if (Normalize(target.EndPoint.Address).Equals(address))
                {
                    return true;
                }
            }
            if (client.Target is { } current && Normalize(current.EndPoint.Address).Equals(address))
            {
                return true;
            }
        }
        foreach (var known in _resolved)
        {
            if (known.Equals(address))
            {
                return true;
            }
        }
        foreach (var range in trustedRanges)
        {
            if (range.Contains(address))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>What the request tried, for the sync log: "uaCSTA SetForwarding", "NOTIFY (as-feature-event)".</summary>
    public static string Describe(SipRequest request)
    {
        if (CstaSession.IsCstaInvite(request) || request.Method == SipMethod.Info)
        {
            var name = CstaRequestReader.Read(request.Body) switch
            {
                CstaRequest.SetDnd => "SetDoNotDisturb",
                CstaRequest.SetForward => "SetForwarding",
                CstaRequest.GetDoNotDisturb => "GetDoNotDisturb",
                CstaRequest.GetForwarding => "GetForwarding",
                CstaRequest.MonitorStart => "MonitorStart",
                CstaRequest.Unsupported u => u.RootName,
                _ => request.Method == SipMethod.Invite ? "session INVITE" : "INFO",
            };
            return $"uaCSTA {name}";
        }
        if (request.Method == SipMethod.Notify)
        {
            return request.TryGetEvent(out var evt) ? $"NOTIFY ({evt.Package})" : "NOTIFY";
        }
        if (request.Method == SipMethod.Invite)
        {
            return $"call from {request.From.UriText}";
        }
        return request.Method.Name;
    }

    private static IPAddress Normalize(IPAddress address) => address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
}
