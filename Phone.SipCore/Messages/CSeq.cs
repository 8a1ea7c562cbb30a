namespace Phone.SipCore.Messages;

/// <summary>CSeq: sequence number and method (RFC 3261 20.16; the number stays below 2^31, 8.1.1.5).</summary>
public readonly record struct CSeq(uint Number, SipMethod Method)
{
    public override string ToString() => $"{Number} {Method.Name}";
}
