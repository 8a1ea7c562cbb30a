using System.Net;

namespace Phone.SipCore.Hosting;

/// <summary>Where the phone's SIP core listens. Bound from <c>FeatureSync:Sip</c>.</summary>
public sealed record SipListenOptions
{
    public const string DefaultAddress = "0.0.0.0";
    public const int DefaultPort = 5060;

    /// <summary>Local address to bind; <c>0.0.0.0</c> or <c>::</c> for every interface.</summary>
    public IPAddress Address { get; init; } = IPAddress.Any;

    /// <summary>Port for UDP and TCP; 0 lets the system pick a free one.</summary>
    public int Port { get; init; } = DefaultPort;

    /// <summary>
    /// Reads <c>Address</c> and <c>Port</c> from their text form, failing with a message
    /// that names the setting, so a typo in configuration stops start-up clearly.
    /// </summary>
    public static SipListenOptions Parse(string? address, string? port)
    {
        var result = new SipListenOptions();
        if (!string.IsNullOrWhiteSpace(address))
        {
            if (!IPAddress.TryParse(address.Trim().Trim('[', ']'), out var ip))
            {
                throw new FormatException(
                    $"FeatureSync:Sip:Address '{address}' is not an IPv4 or IPv6 address.");
            }
            result = result with { Address = ip };
        }
        if (!string.IsNullOrWhiteSpace(port))
        {
            if (!int.TryParse(port.Trim(), out var p) || p < 0 || p > 65535)
            {
                throw new FormatException(
                    $"FeatureSync:Sip:Port '{port}' must be a whole number from 0 (any free port) to 65535.");
            }
            result = result with { Port = p };
        }
        return result;
    }
}
