namespace Phone.SipCore.Transport;

/// <summary>Why a stream connection ended; the first reason wins and is logged.</summary>
internal enum StreamCloseReason
{
    Open,
    Disposed,
    PeerClosed,
    Idle,
    IncompleteMessage,
    FramingError,
    ReadError,
    WriteError,
    SendTimeout,
    WriteCancelled,
    NoPong,
}
