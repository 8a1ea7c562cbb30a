namespace Phone.SipCore.Transport;

/// <summary>Whether the phone received or sent a traced message.</summary>
public enum SipTraceDirection
{
    In,
    Out,
}
