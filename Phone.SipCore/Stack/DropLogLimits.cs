namespace Phone.SipCore.Stack;

/// <summary>
/// How much <see cref="DropLog"/> writes and remembers. Per window at most
/// <see cref="FullPerWindow"/> full lines plus one summary per tracked source plus one for the
/// rest: with the defaults, 6 lines a minute for one flooding source and never more than
/// 100 + 1,024 + 1 however many addresses a flood claims to come from.
/// </summary>
public sealed record DropLogLimits
{
    /// <summary>Drops logged in full per source address and window.</summary>
    public int FullPerSource { get; init; } = 5;

    /// <summary>
    /// Drops logged in full per window over all sources: UDP source addresses cost an attacker
    /// nothing, so a per-source limit alone does not bound the log.
    /// </summary>
    public int FullPerWindow { get; init; } = 100;

    /// <summary>Source addresses counted one by one per window; beyond it the oldest is folded into one overflow count.</summary>
    public int MaxSources { get; init; } = 1024;

    public TimeSpan Window { get; init; } = TimeSpan.FromMinutes(1);
}
