using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;
using Phone.SipCore.Parsing;

namespace Phone.SipCore.Messages;

/// <summary>One Via value (RFC 3261 20.42) with the parameters a UA acts on: branch (17.2.3),
/// received (18.2.1) and rport (RFC 3581).</summary>
public sealed class Via
{
    private Via(string protocolName, string protocolVersion, string transport, string host, int? port, SipParameters parameters)
    {
        ProtocolName = protocolName;
        ProtocolVersion = protocolVersion;
        Transport = transport;
        Host = host;
        Port = port;
        Parameters = parameters;
    }

    public string ProtocolName { get; }

    public string ProtocolVersion { get; }

    /// <summary>Transport in upper case (UDP, TCP, TLS, SCTP, WS, or an unknown token).</summary>
    public string Transport { get; }

    /// <summary>sent-by host (a bracketed reference for IPv6).</summary>
    public string Host { get; }

    public int? Port { get; }

    public SipParameters Parameters { get; }

    public string? Branch => Parameters.Get("branch");

    public string? Received => Parameters.Get("received");

    /// <summary>True when an rport parameter is present, with or without a value (RFC 3581 4).</summary>
    public bool HasRPort => Parameters.Contains("rport");

    /// <summary>The rport value filled in by the server; null when absent, empty or not a port.</summary>
    public int? RPort =>
        int.TryParse(Parameters.Get("rport"), NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port <= 65535
            ? port
            : null;

    public static bool TryParse(string text, [NotNullWhen(true)] out Via? via) =>
        TryParse(Encoding.UTF8.GetBytes(text), out via);

    public static bool TryParse(ReadOnlySpan<byte> text, [NotNullWhen(true)] out Via? via)
    {
        via = null;
        if (!ViaParser.TryParse(text, out var p, out _))
        {
            return false;
        }
        via = new Via(
            Encoding.ASCII.GetString(text.Slice(p.NameStart, p.NameLength)).ToUpperInvariant(),
            Encoding.ASCII.GetString(text.Slice(p.VersionStart, p.VersionLength)),
            Encoding.ASCII.GetString(text.Slice(p.TransportStart, p.TransportLength)).ToUpperInvariant(),
            Encoding.ASCII.GetString(text.Slice(p.HostStart, p.HostLength)),
            p.Port < 0 ? null : p.Port,
            ParameterParser.Parse(text[p.ParamsStart..], uriMode: false));
        return true;
    }

    public override string ToString()
    {
        var builder = new StringBuilder()
            .Append(ProtocolName).Append('/').Append(ProtocolVersion).Append('/').Append(Transport).Append(' ').Append(Host);
        if (Port is { } port)
        {
            builder.Append(':').Append(port.ToString(CultureInfo.InvariantCulture));
        }
        foreach (var parameter in Parameters)
        {
            builder.Append(';').Append(parameter.Name);
            if (parameter.Value is not null)
            {
                builder.Append('=').Append(parameter.Value);
            }
        }
        return builder.ToString();
    }
}
