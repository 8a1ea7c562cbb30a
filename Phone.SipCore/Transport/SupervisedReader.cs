namespace Phone.SipCore.Transport;

/// <summary>
/// Marks a transport's reader thread as supervised: a watchdog replaces it with a fresh reader
/// when one datagram's handling stalls, so work run on it cannot stop reception for long. Layers
/// above may then run short work inline on the reader instead of handing it to another thread
/// (each hand-off is a futex wake-up and a context switch, and in a 1,000 NOTIFY/s storm those
/// were the largest single cost: docs/performance.md, target 2).
/// </summary>
/// <remarks>
/// Inline even when more datagrams wait in the socket: handing those to the pool so both cores
/// share them was tried (one <c>ioctl(FIONREAD)</c> per datagram) and cost 2-3 points of a core
/// in the storm, where the sender's jitter leaves a datagram waiting about a third of the time,
/// without a faster start (A/B in docs/performance.md).
/// </remarks>
public static class SupervisedReader
{
    [ThreadStatic]
    private static bool t_supervised;

    /// <summary>True on a supervised reader thread: work may run here without a hand-off.</summary>
    public static bool MayRunInline => t_supervised;

    internal static void MarkCurrentThread() => t_supervised = true;
}
