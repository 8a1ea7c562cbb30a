using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Phone.SipCore.Lines;
using Phone.SipCore.Transport;

namespace Phone.SipCore.Tests.Lines;

public sealed class LineWorkQueueTests
{
    [Fact]
    public async Task Work_and_timers_that_come_after_disposal_are_dropped_not_thrown()
    {
        var time = new FakeTimeProvider();
        var queue = new LineWorkQueue(time, NullLogger.Instance);
        var ran = false;
        using var timer = queue.Schedule(TimeSpan.FromSeconds(32), () => ran = true);
        await queue.DisposeAsync();

        time.Advance(TimeSpan.FromSeconds(33)); // the timer posts to a closed queue: no exception
        queue.Post(() => ran = true);

        Assert.False(ran);
        await Assert.ThrowsAsync<ObjectDisposedException>(() => queue.InvokeAsync(() => true));
    }

    [Fact]
    public async Task Requests_past_the_capacity_are_refused_at_once_while_the_line_is_stuck_and_the_rest_run_in_order()
    {
        await using var queue = new LineWorkQueue(TimeProvider.System, NullLogger.Instance, requestCapacity: 8);
        using var running = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        queue.Post(() =>
        {
            running.Set();
            release.Wait(TimeSpan.FromSeconds(30));
        });
        Assert.True(running.Wait(TimeSpan.FromSeconds(10)));
        var ran = new List<int>();
        var accepted = 0;
        var refused = 0;
        for (var i = 0; i < 20; i++)
        {
            var n = i;
            // Called on this thread while the loop is held: it must answer without waiting.
            if (queue.TryPostRequest(() => ran.Add(n)))
            {
                accepted++;
            }
            else
            {
                refused++;
            }
        }
        Assert.Equal(8, accepted);
        Assert.Equal(12, refused);
        Assert.Equal(8, queue.PendingRequests);

        release.Set();

        Assert.True(await queue.InvokeAsync(() => true).WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(Enumerable.Range(0, 8), ran);
        Assert.Equal(0, queue.PendingRequests);
        Assert.True(queue.TryPostRequest(() => { }), "room again once the line has caught up");
    }

    [Fact]
    public async Task Work_the_line_starts_itself_is_never_refused_or_blocked_even_when_requests_fill_the_queue()
    {
        await using var queue = new LineWorkQueue(TimeProvider.System, NullLogger.Instance, requestCapacity: 4);
        using var release = new ManualResetEventSlim();
        var ran = 0;
        queue.Post(() => release.Wait(TimeSpan.FromSeconds(30)));
        while (queue.TryPostRequest(() => { }))
        {
        }
        // Timers, transaction outcomes and the web's changes go in whatever the network did.
        for (var i = 0; i < 10_000; i++)
        {
            queue.Post(() => Interlocked.Increment(ref ran));
        }
        var invoked = queue.InvokeAsync(() => 42);
        Assert.False(invoked.IsCompleted);

        release.Set();

        Assert.Equal(42, await invoked.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(10_000, Volatile.Read(ref ran));
    }

    [Fact]
    public async Task A_request_reaching_an_idle_line_on_the_reader_runs_there_and_one_reaching_a_busy_line_waits_its_turn()
    {
        await using var queue = new LineWorkQueue(TimeProvider.System, NullLogger.Instance);
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        using var sender = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        await using var transport = new UdpSipTransport(socket, NullLogger.Instance);
        var ran = new System.Collections.Concurrent.ConcurrentQueue<(string What, bool OnReader, bool OnPool)>();
        var readerPosted = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        transport.Start(new PostingHandler(packet =>
        {
            var what = System.Text.Encoding.ASCII.GetString(packet.Data.Span);
            readerPosted.TrySetResult(queue.TryPostRequest(() =>
                ran.Enqueue((what, Thread.CurrentThread.Name?.StartsWith("SIP UDP", StringComparison.Ordinal) == true, Thread.CurrentThread.IsThreadPoolThread))));
        }));

        sender.SendTo("idle"u8, socket.LocalEndPoint!);
        Assert.True(await readerPosted.Task.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal([("idle", true, false)], ran); // ran before TryPostRequest returned, on the reader

        // Busy: the line runs other work, so the request queues behind it and runs on the pool.
        using var running = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        queue.Post(() =>
        {
            running.Set();
            release.Wait(TimeSpan.FromSeconds(30));
            ran.Enqueue(("earlier", false, true));
        });
        Assert.True(running.Wait(TimeSpan.FromSeconds(10)));
        readerPosted = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        sender.SendTo("busy"u8, socket.LocalEndPoint!);
        Assert.True(await readerPosted.Task.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(1, queue.PendingRequests);
        release.Set();

        Assert.True(await queue.InvokeAsync(() => true).WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal([("idle", true, false), ("earlier", false, true), ("busy", false, true)], ran);
    }

    private sealed class PostingHandler(Action<ReceivedPacket> onPacket) : ISipPacketHandler
    {
        public void OnPacket(ReceivedPacket packet) => onPacket(packet);

        public void OnTransportError(SipEndPoint remote, Exception error)
        {
        }
    }
}
