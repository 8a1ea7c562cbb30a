using Microsoft.Extensions.Time.Testing;
using Phone.SipCore.Transport;

namespace Phone.SipCore.Tests.Transport;

public sealed class InMemorySipTransportTests
{
    private static async Task<(InMemorySipTransport A, InMemorySipTransport B, CollectingHandler AtB)> Link(TimeProvider time)
    {
        var (a, b) = InMemorySipTransport.CreatePair(time);
        var atB = new CollectingHandler();
        a.Start(new CollectingHandler());
        b.Start(atB);
        await Task.CompletedTask;
        return (a, b, atB);
    }

    private static ReadOnlyMemory<byte> Text(string s) => System.Text.Encoding.ASCII.GetBytes(s);

    [Fact]
    public async Task Delivers_in_order_with_the_sender_as_remote()
    {
        var (a, b, atB) = await Link(new FakeTimeProvider());
        await using var _ = a;
        await using var __ = b;

        await a.SendAsync(Text("1"), b.LocalEndPoint, default);
        await a.SendAsync(Text("2"), b.LocalEndPoint, default);

        var first = await atB.NextAsync();
        Assert.Equal(a.LocalEndPoint, first.Remote);
        Assert.Equal("2", await atB.NextTextAsync());
    }

    [Fact]
    public async Task Drops_the_next_n_messages_then_delivers()
    {
        var (a, b, atB) = await Link(new FakeTimeProvider());
        await using var _ = a;
        await using var __ = b;
        a.Outbound.DropNext = 2;

        await a.SendAsync(Text("lost1"), b.LocalEndPoint, default);
        await a.SendAsync(Text("lost2"), b.LocalEndPoint, default);
        await a.SendAsync(Text("kept"), b.LocalEndPoint, default);

        Assert.Equal("kept", await atB.NextTextAsync());
        Assert.Equal(3, a.SentCount);
        Assert.Equal(2, a.DroppedCount);
    }

    [Fact]
    public async Task Drop_probability_one_loses_everything()
    {
        var (a, b, atB) = await Link(new FakeTimeProvider());
        await using var _ = a;
        await using var __ = b;
        a.Outbound.DropProbability = 1;

        for (var i = 0; i < 10; i++)
        {
            await a.SendAsync(Text("x"), b.LocalEndPoint, default);
        }
        a.Outbound.DropProbability = 0;
        await a.SendAsync(Text("marker"), b.LocalEndPoint, default);

        Assert.Equal("marker", await atB.NextTextAsync());
        Assert.Equal(10, a.DroppedCount);
    }

    [Fact]
    public async Task Delay_holds_delivery_until_the_fake_clock_passes_it()
    {
        var time = new FakeTimeProvider();
        var (a, b, atB) = await Link(time);
        await using var _ = a;
        await using var __ = b;
        a.Outbound.Delay = TimeSpan.FromMilliseconds(500);

        await a.SendAsync(Text("late"), b.LocalEndPoint, default);
        time.Advance(TimeSpan.FromMilliseconds(499));
        a.Outbound.Delay = TimeSpan.Zero;
        await a.SendAsync(Text("marker"), b.LocalEndPoint, default);

        // The inbox is first-in first-out: the marker arriving first proves "late" is still held.
        Assert.Equal("marker", await atB.NextTextAsync());
        time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal("late", await atB.NextTextAsync());
    }

    [Fact]
    public async Task Duplicate_probability_one_delivers_twice()
    {
        var (a, b, atB) = await Link(new FakeTimeProvider());
        await using var _ = a;
        await using var __ = b;
        a.Outbound.DuplicateProbability = 1;

        await a.SendAsync(Text("twice"), b.LocalEndPoint, default);

        Assert.Equal("twice", await atB.NextTextAsync());
        Assert.Equal("twice", await atB.NextTextAsync());
    }

    [Fact]
    public async Task Reorder_swaps_each_pair()
    {
        var (a, b, atB) = await Link(new FakeTimeProvider());
        await using var _ = a;
        await using var __ = b;
        a.Outbound.Reorder = true;

        await a.SendAsync(Text("1"), b.LocalEndPoint, default);
        await a.SendAsync(Text("2"), b.LocalEndPoint, default);
        await a.SendAsync(Text("3"), b.LocalEndPoint, default);
        a.FlushHeldBack();

        Assert.Equal("2", await atB.NextTextAsync());
        Assert.Equal("1", await atB.NextTextAsync());
        Assert.Equal("3", await atB.NextTextAsync());
    }

    [Fact]
    public async Task Failing_sends_throw_and_are_reported_to_the_sender()
    {
        var (a, b) = InMemorySipTransport.CreatePair(new FakeTimeProvider());
        await using var _ = a;
        await using var __ = b;
        var atA = new CollectingHandler();
        a.Start(atA);
        b.Start(new CollectingHandler());
        a.Outbound.FailSends = true;

        await Assert.ThrowsAsync<IOException>(async () => await a.SendAsync(Text("x"), b.LocalEndPoint, default));

        var (remote, error) = Assert.Single(atA.Errors);
        Assert.Equal(b.LocalEndPoint, remote);
        Assert.IsType<IOException>(error);
    }
}
