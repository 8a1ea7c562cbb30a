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

    private static readonly SipMethod[] Known =
        [Invite, Ack, Bye, Cancel, Options, Register, Subscribe, Notify, Info, Message, Refer, Prack, Update, Publish];

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
        foreach (var known in Known)
        {
            if (name.Length == known.Name.Length && Ascii.Equals(name, known.Name))
            {
                return known;
            }
        }
        return new SipMethod(Encoding.UTF8.GetString(name));
    }

    public bool Equals(SipMethod other) => string.Equals(Name, other.Name, StringComparison.Ordinal);

    public override bool Equals(object? obj) => obj is SipMethod other && Equals(other);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Name);

    public override string ToString() => Name;

    public static bool operator ==(SipMethod left, SipMethod right) => left.Equals(right);

    public static bool operator !=(SipMethod left, SipMethod right) => !left.Equals(right);
}
