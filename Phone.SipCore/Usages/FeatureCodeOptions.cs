namespace Phone.SipCore.Usages;

/// <summary>Timing of a feature-code call (docs/protocol.md section 2).</summary>
public sealed record FeatureCodeOptions
{
    /// <summary>
    /// How long to wait for a final response before sending CANCEL; separate from Timer B,
    /// which only covers a server that sends nothing at all (RFC 3261 17.1.1.2).
    /// </summary>
    public TimeSpan AnswerTimeout { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>After the ACK, how long the PBX has to send its BYE before we send ours.</summary>
    public TimeSpan ByeGuardTime { get; init; } = TimeSpan.FromSeconds(5);
}
