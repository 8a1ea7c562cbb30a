namespace Phone.SipCore.Transactions;

/// <summary>
/// The RFC 3261 timer values (section 17, table 4). T1 is the round-trip estimate, T2 the
/// cap on non-INVITE retransmission intervals, T4 the time a message stays in the network.
/// Timers that only absorb retransmissions are zero over reliable transports.
/// </summary>
public sealed record TransactionTimers
{
    public TimeSpan T1 { get; init; } = TimeSpan.FromMilliseconds(500);

    public TimeSpan T2 { get; init; } = TimeSpan.FromSeconds(4);

    public TimeSpan T4 { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Timer B (INVITE) and F (non-INVITE): 64*T1 without a final response.</summary>
    public TimeSpan Timeout => T1 * 64;

    /// <summary>Timer D: wait for final-response retransmissions after ACK (at least 32 s on UDP).</summary>
    public TimeSpan D(bool reliable) => reliable ? TimeSpan.Zero : TimeSpan.FromSeconds(32);

    /// <summary>Timer H: wait for ACK after a non-2xx final to INVITE.</summary>
    public TimeSpan H => T1 * 64;

    /// <summary>Timer I: absorb ACK retransmissions.</summary>
    public TimeSpan I(bool reliable) => reliable ? TimeSpan.Zero : T4;

    /// <summary>Timer J: absorb non-INVITE request retransmissions.</summary>
    public TimeSpan J(bool reliable) => reliable ? TimeSpan.Zero : T1 * 64;

    /// <summary>Timer K: absorb non-INVITE response retransmissions.</summary>
    public TimeSpan K(bool reliable) => reliable ? TimeSpan.Zero : T4;

    /// <summary>RFC 6026 timers L and M: the Accepted state of INVITE transactions.</summary>
    public TimeSpan Accepted => T1 * 64;
}
