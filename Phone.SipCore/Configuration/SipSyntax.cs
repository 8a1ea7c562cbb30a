using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace Phone.SipCore.Configuration;

/// <summary>Syntax checks for settings values, after the RFC 3261 25.1 grammar.</summary>
public static partial class SipSyntax
{
    public const int MaxFeatureCodeLength = 32;
    public const int MaxNumberLength = 32;

    /// <summary>RFC 3261 25.1: user = 1*( unreserved / escaped / user-unreserved ).</summary>
    public static bool IsUserPart(string? value) => !string.IsNullOrEmpty(value) && UserPart().IsMatch(value);

    /// <summary>A host name, an IPv4 address, or an IPv6 literal with or without brackets.</summary>
    public static bool IsHost(string? value)
    {
        if (string.IsNullOrEmpty(value) || value.Length > 253)
        {
            return false;
        }
        if (value.StartsWith('[') && value.EndsWith(']'))
        {
            return IsIPv6(value[1..^1]);
        }
        return IPv4().IsMatch(value) || HostName().IsMatch(value) || (value.Contains(':') && IsIPv6(value));
    }

    /// <summary>An RFC 3261 25.1 host name (the top label starts with a letter, so no IPv4 address is one).</summary>
    public static bool IsHostName(string? value) => !string.IsNullOrEmpty(value) && value.Length <= 253 && HostName().IsMatch(value);

    /// <summary>A dotted-quad IPv4 address, without the shorthand forms (<c>10.1</c>, <c>0x0a.0.0.1</c>) that <see cref="IPAddress.TryParse(string?, out IPAddress?)"/> also takes.</summary>
    public static bool IsIPv4Address(string? value) => !string.IsNullOrEmpty(value) && IPv4().IsMatch(value);

    /// <summary><c>host</c> or <c>host:port</c>; an IPv6 literal needs brackets when a port follows.</summary>
    public static bool IsHostPort(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return false;
        }
        if (IsHost(value))
        {
            return true;
        }
        var colon = value.LastIndexOf(':');
        if (colon <= 0)
        {
            return false;
        }
        var host = value[..colon];
        if (host.Contains(':') && !host.StartsWith('['))
        {
            return false;
        }
        return IsHost(host) && IsPort(value[(colon + 1)..]);
    }

    /// <summary>A feature code: 1 to 32 of <c>0-9 * #</c>.</summary>
    public static bool IsFeatureCode(string? value) =>
        !string.IsNullOrEmpty(value) && value.Length <= MaxFeatureCodeLength && Dialable().IsMatch(value);

    /// <summary>A number the phone can dial: optional leading +, then <c>0-9 * #</c>.</summary>
    public static bool IsDialableNumber(string? value) =>
        !string.IsNullOrEmpty(value) && value.TrimStart('+').Length <= MaxNumberLength && DialableNumber().IsMatch(value);

    /// <summary>A <c>sip:</c> or <c>sips:</c> URI with an optional user part, a host, port and parameters.</summary>
    public static bool IsSipUri(string? value)
    {
        if (string.IsNullOrEmpty(value) || value.Length > 512)
        {
            return false;
        }
        var match = SipUri().Match(value);
        if (!match.Success)
        {
            return false;
        }
        var user = match.Groups["user"];
        if (user.Success && !IsUserPart(user.Value))
        {
            return false;
        }
        return IsHostPort(match.Groups["hostport"].Value);
    }

    /// <summary>A forward target: a dialable number or a SIP URI.</summary>
    public static bool IsForwardTarget(string? value) => IsDialableNumber(value) || IsSipUri(value);

    /// <summary>
    /// A pattern holding <c>{code}</c> and <c>{number}</c> once each; anything else must
    /// be dialable, so the result stays a valid feature-code call.
    /// </summary>
    public static bool IsForwardPattern(string? value)
    {
        if (string.IsNullOrEmpty(value) || value.Length > 64)
        {
            return false;
        }
        var code = value.IndexOf(PbxProfile.CodePlaceholder, StringComparison.Ordinal);
        var number = value.IndexOf(PbxProfile.NumberPlaceholder, StringComparison.Ordinal);
        if (code < 0 || number < 0
            || value.IndexOf(PbxProfile.CodePlaceholder, code + 1, StringComparison.Ordinal) >= 0
            || value.IndexOf(PbxProfile.NumberPlaceholder, number + 1, StringComparison.Ordinal) >= 0)
        {
            return false;
        }
        var rest = value.Replace(PbxProfile.CodePlaceholder, "", StringComparison.Ordinal)
            .Replace(PbxProfile.NumberPlaceholder, "", StringComparison.Ordinal);
        return rest.Length == 0 || Dialable().IsMatch(rest);
    }

    /// <summary>RFC 6665 7.2: event-type is a token (RFC 3261 25.1).</summary>
    public static bool IsEventPackage(string? value) =>
        !string.IsNullOrEmpty(value) && value.Length <= 64 && Token().IsMatch(value);

    /// <summary>No control characters: they would break SIP headers and the config file.</summary>
    public static bool HasNoControlCharacters(string? value) => value is null || !value.Any(char.IsControl);

    private static bool IsPort(string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is >= 1 and <= 65535;

    private static bool IsIPv6(string text) =>
        !text.Contains('%') && IPAddress.TryParse(text, out var address) && address.AddressFamily == AddressFamily.InterNetworkV6;

    [GeneratedRegex(@"^(?:[A-Za-z0-9\-_.!~*'()&=+$,;?/]|%[0-9A-Fa-f]{2})+$")]
    private static partial Regex UserPart();

    [GeneratedRegex(@"^(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(?:\.(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}$")]
    private static partial Regex IPv4();

    // RFC 3261 25.1 hostname: labels of alphanumerics and inner hyphens; the top label starts with a letter.
    [GeneratedRegex(@"^(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)*[A-Za-z](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.?$")]
    private static partial Regex HostName();

    [GeneratedRegex(@"^[0-9*#]+$")]
    private static partial Regex Dialable();

    [GeneratedRegex(@"^\+?[0-9*#]+$")]
    private static partial Regex DialableNumber();

    [GeneratedRegex(@"^(?i:sips?):(?:(?<user>[^@:;?]+)(?::[^@;?]*)?@)?(?<hostport>[^;?@]+)(?<params>[;?][A-Za-z0-9\-_.!~*'()&=+$,;?/%:@\[\]]*)?$")]
    private static partial Regex SipUri();

    [GeneratedRegex(@"^[A-Za-z0-9\-.!%*_+`'~]+$")]
    private static partial Regex Token();
}
