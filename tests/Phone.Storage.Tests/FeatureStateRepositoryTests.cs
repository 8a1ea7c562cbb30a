using FluentValidation;
using Phone.SipCore.FeatureSync.Model;
using Phone.Storage.Features;

namespace Phone.Storage.Tests;

public sealed class FeatureStateRepositoryTests : IAsyncLifetime
{
    private static readonly DateTimeOffset At = new(2026, 11, 28, 9, 30, 15, 123, TimeSpan.FromHours(8));

    private TestStorage _storage = null!;

    public async ValueTask InitializeAsync() => _storage = await TestStorage.StartAsync();

    public async ValueTask DisposeAsync() => await _storage.DisposeAsync();

    private FeatureStateRepository States => _storage.Get<FeatureStateRepository>();

    [Fact]
    public async Task A_line_never_written_reads_as_off_and_local()
    {
        var state = await States.GetAsync(7);
        Assert.Equal(7, state.Line);
        Assert.All(state.All, s =>
        {
            Assert.False(s.Enabled);
            Assert.Equal(FeatureStanding.Local, s.Standing);
        });
        Assert.Equal(Enum.GetValues<FeatureKind>(), state.All.Select(s => s.Kind));
    }

    [Fact]
    public async Task State_survives_a_restart()
    {
        var dnd = new FeatureState(FeatureKind.Dnd, true, null, null, FeatureStanding.Confirmed, FeatureOrigin.Server, At);
        var noAnswer = new FeatureState(FeatureKind.ForwardNoAnswer, true, "sip:voicemail@pbx.example.com", 4,
            FeatureStanding.Pending, FeatureOrigin.Web, At.AddSeconds(1), "waiting for NOTIFY");
        var busy = new FeatureState(FeatureKind.ForwardBusy, false, "+8610123", null,
            FeatureStanding.SentUnconfirmed, FeatureOrigin.Phone, At.AddSeconds(2));
        await States.SaveAsync(3, dnd);
        await States.SaveAsync(3, noAnswer);
        await States.SaveAsync(3, busy);
        await States.SaveAsync(3, dnd with { Enabled = false, ChangedAt = At.AddSeconds(3) });

        await _storage.ReopenAsync();

        var read = await _storage.Get<FeatureStateRepository>().GetAsync(3);
        Assert.Equal(dnd with { Enabled = false, ChangedAt = At.AddSeconds(3) }, read.Dnd);
        Assert.Equal(noAnswer, read.ForwardNoAnswer);
        Assert.Equal(busy, read.ForwardBusy);
        Assert.Equal(FeatureStanding.Local, read.ForwardAlways.Standing);
        Assert.Equal(At.Offset, read.Dnd.ChangedAt.Offset);
    }

    [Fact]
    public async Task Whole_line_saves_and_reads_back_in_get_all()
    {
        var state = LineFeatureState.Initial(16, At).With(
            new FeatureState(FeatureKind.ForwardAlways, true, "2424", null, FeatureStanding.Rejected, FeatureOrigin.Config, At, "403"));
        await States.SaveAsync(state);

        var all = await States.GetAllAsync();
        Assert.Equal(16, all.Count);
        Assert.Equal(state, all[15]);
    }

    [Fact]
    public async Task Invalid_states_are_refused()
    {
        var badTarget = new FeatureState(FeatureKind.ForwardAlways, true, "not a number", null, FeatureStanding.Pending, FeatureOrigin.Web, At);
        var badRings = new FeatureState(FeatureKind.ForwardNoAnswer, true, "2424", 21, FeatureStanding.Pending, FeatureOrigin.Web, At);

        await Assert.ThrowsAsync<ValidationException>(() => States.SaveAsync(1, badTarget));
        await Assert.ThrowsAsync<ValidationException>(() => States.SaveAsync(1, badRings));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => States.SaveAsync(17, badRings with { RingCount = 3 }));
        Assert.Equal(FeatureStanding.Local, (await States.GetAsync(1)).ForwardAlways.Standing);
    }
}
