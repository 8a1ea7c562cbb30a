namespace Phone.SipCore.Transport;

/// <summary>
/// What an in-memory link does to the messages sent over it, one direction at a time.
/// Mutable on purpose: a test changes the weather in the middle of a flow.
/// </summary>
public sealed class LinkConditions
{
    /// <summary>Chance (0..1) that a message is lost.</summary>
    public double DropProbability { get; set; }

    /// <summary>Drops exactly the next N messages, then delivers again.</summary>
    public int DropNext { get; set; }

    /// <summary>Delay before delivery, measured on the link's TimeProvider.</summary>
    public TimeSpan Delay { get; set; }

    /// <summary>Chance (0..1) that a message is delivered twice.</summary>
    public double DuplicateProbability { get; set; }

    /// <summary>Holds each message back until the next one has been delivered (swaps pairs).</summary>
    public bool Reorder { get; set; }

    /// <summary>Makes every send throw, as a broken connection would.</summary>
    public bool FailSends { get; set; }
}
