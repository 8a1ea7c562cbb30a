using System.Text;

namespace Phone.SipCore.Messages;

/// <summary>
/// A request method. Method names are case-sensitive (RFC 3261 7.1), so equality is
/// ordinal. The standard methods are cached, so parsing them allocates nothing.
/// </summary>
public readonly struct SipMethod : IEquatable<SipMethod>
{
    public static readonly SipMethod Invite = new("INVITE");
    public static readonly SipMethod Ack = new("ACK");
    public static readonly SipMethod Bye = new("BYE");
    public static readonly SipMethod Cancel = new("CANCEL");
    public static readonly SipMethod Options = new("OPTIONS");
    public static readonly SipMethod Register = new("REGISTER");
    public static readonly SipMethod Subscribe = new("SUBSCRIBE");
    public static readonly SipMethod Notify = new("NOTIFY");
    public static readonly SipMethod Info = new("INFO");
    public static readonly SipMethod Message = new("MESSAGE");
    public static readonly SipMethod Refer = new("REFER");
    public static readonly SipMethod Prack = new("PRACK");
    public static readonly SipMethod Update = new("UPDATE");
    public static readonly SipMethod Publish = new("PUBLISH");

    private readonly string? _name;

    public SipMethod(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        _name = name;
    }

    public string Name => _name ?? string.Empty;

    /// <summary>Returns the cached instance for a standard method, else a new one.</summary>
    public static SipMethod FromBytes(ReadOnlySpan<byte> name)
    {
        // Dispatch on the first letter so a known method costs one comparison.
        SipMethod candidate = name.IsEmpty ? default : name[0] switch
        {
            (byte)'I' => name.Length == 6 ? Invite : Info,
            (byte)'A' => Ack,
            (byte)'B' => Bye,
            (byte)'C' => Cancel,
            (byte)'O' => Options,
            (byte)'R' => name.Length == 8 ? Register : Refer,
            (byte)'S' => Subscribe,
            (byte)'N' => Notify,
            (byte)'M' => Message,
            (byte)'P' => name.Length == 5 ? Prack : Publish,
            (byte)'U' => Update,
            _ => default,
        };
        if (candidate.Name.Length == name.Length && Ascii.Equals(name, candidate.Name))
        {
            return candidate;
        }
        return new SipMethod(Encoding.UTF8.GetString(name));
    }

    // The cached instances make the usual comparison (a parsed CSeq against its start line) a reference check.
    public bool Equals(SipMethod other) => ReferenceEquals(_name, other._name) || string.Equals(Name, other.Name, StringComparison.Ordinal);

    public override bool Equals(object? obj) => obj is SipMethod other && Equals(other);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Name);

    public override string ToString() => Name;

    public static bool operator ==(SipMethod left, SipMethod right) => left.Equals(right);

    public static bool operator !=(SipMethod left, SipMethod right) => !left.Equals(right);
}
