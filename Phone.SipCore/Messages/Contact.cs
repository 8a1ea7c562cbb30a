using System.Globalization;

namespace Phone.SipCore.Messages;

/// <summary>
/// One Contact value (RFC 3261 20.10): an address with parameters, or the "*" wildcard
/// that a REGISTER with Expires: 0 uses to remove every binding (10.2.2).
/// </summary>
public sealed class Contact
{
    public static readonly Contact Wildcard = new(null);

    public Contact(NameAddr? address) => Address = address;

    public bool IsWildcard => Address is null;

    public NameAddr? Address { get; }

    /// <summary>The expires parameter in seconds; null when absent or not a 32-bit number.</summary>
    public uint? Expires =>
        uint.TryParse(Address?.Parameters.Get("expires"), NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value
            : null;

    public override string ToString() => Address?.ToString() ?? "*";
}
