namespace Phone.SipCore.Transport;

/// <summary>
/// Marks a transport's reader thread as supervised: a watchdog replaces it with a fresh reader
/// when one datagram's handling stalls, so work run on it cannot stop reception for long. Layers
/// above may then run short work inline on the reader instead of handing it to another thread
/// (each hand-off is a futex wake-up and a context switch, and in a 1,000 NOTIFY/s storm those
/// were the largest single cost: docs/performance.md, target 2).
/// </summary>
public static class SupervisedReader
{
    [ThreadStatic]
    private static bool t_supervised;

    /// <summary>True on a supervised reader thread: work may run here without a hand-off.</summary>
    public static bool IsCurrentThread => t_supervised;

    internal static void MarkCurrentThread() => t_supervised = true;
}
