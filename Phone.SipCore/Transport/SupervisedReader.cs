using System.Net.Sockets;

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
    private static Socket? t_socket;

    /// <summary>
    /// True on a supervised reader thread with no datagram waiting behind the one it handles:
    /// work may run here without a hand-off. With a backlog (a burst, the start's 1,000 initial
    /// NOTIFYs) work goes to the pool instead, so both cores share it and the next datagram is
    /// read at once. Asking costs one <c>ioctl(FIONREAD)</c>, far less than a hand-off.
    /// </summary>
    public static bool MayRunInline
    {
        get
        {
            if (t_socket is not { } socket)
            {
                return false;
            }
            try
            {
                return socket.Available == 0;
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
            {
                return false;
            }
        }
    }

    internal static void MarkCurrentThread(Socket socket) => t_socket = socket;
}
