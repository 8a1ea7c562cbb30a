using System.Runtime.CompilerServices;

namespace Phone.SipCore.Messages;

/// <summary>
/// Where released messages of one type wait to be parsed into again, so the receive path
/// allocates no message object and no header table in steady state (docs/performance.md,
/// "Parser"). One slot per thread (a message released on the thread that parses, as on an
/// inline handler's path or the benchmark's, comes back without an interlocked operation) and
/// a small lock-free shared array for messages released elsewhere (a line's queue, a
/// transaction timer). A miss allocates; a full pool leaves the message to the GC. Bounded, so
/// an idle phone keeps at most a few dozen spare messages.
/// </summary>
internal static class SipMessagePool<T> where T : SipMessage
{
    /// <summary>Shared slots; a 1,000 NOTIFY/s storm recycles through far fewer at a time.</summary>
    internal const int SharedCapacity = 32;

    // The thread's slot lives in a non-generic class (SipMessagePoolSlots): a thread-static of this
    // generic class, shared code over reference types, costs a runtime helper call per access.
    private static ref SipMessage? LocalSlot =>
        ref typeof(T) == typeof(SipRequest) ? ref SipMessagePoolSlots.Request : ref SipMessagePoolSlots.Response;

    private static readonly T?[] Shared = new T?[SharedCapacity];

    private static long _created;

    /// <summary>Messages allocated because the pool was empty (tests and diagnostics).</summary>
    internal static long Created => Interlocked.Read(ref _created);

    /// <summary>The message waiting in this thread's slot, if any (tests: proves a release reached the pool).</summary>
    internal static T? LocalWaiting => LocalSlot as T;

    /// <summary>A released message, or a new one from <paramref name="create"/> when none waits.</summary>
    public static T Rent(Func<T> create)
    {
        ref var slot = ref LocalSlot;
        if (slot is not null)
        {
            // Only Return puts a message in this slot, and only a T (LocalSlot is chosen by T).
            var local = Unsafe.As<T>(slot);
            slot = null;
            return local;
        }
        for (var i = 0; i < Shared.Length; i++)
        {
            var item = Volatile.Read(ref Shared[i]);
            if (item is not null && Interlocked.CompareExchange(ref Shared[i], null, item) == item)
            {
                return item;
            }
        }
        Interlocked.Increment(ref _created);
        return create();
    }

    /// <summary>Takes back a message nobody references any more.</summary>
    public static void Return(T message)
    {
        ref var slot = ref LocalSlot;
        if (slot is null)
        {
            slot = message;
            return;
        }
        for (var i = 0; i < Shared.Length; i++)
        {
            if (Volatile.Read(ref Shared[i]) is null && Interlocked.CompareExchange(ref Shared[i], message, null) is null)
            {
                return;
            }
        }
        // Full: the GC takes it.
    }
}

/// <summary>Each thread's one waiting request and one waiting response (see <see cref="SipMessagePool{T}"/>).</summary>
internal static class SipMessagePoolSlots
{
    [ThreadStatic]
    internal static SipMessage? Request;

    [ThreadStatic]
    internal static SipMessage? Response;
}
