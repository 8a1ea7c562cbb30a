using Phone.SipCore.FeatureSync.Local;
using Phone.SipCore.FeatureSync.Model;

namespace Phone.SipCore.Tests.FeatureSync;

public sealed class LocalCallPolicyTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);

    private static LineFeatureState State(bool dnd = false, string? always = null, string? busy = null, string? noAnswer = null, int rings = 3)
    {
        var s = LineFeatureState.Initial(1, At);
        s = s.With(s.Dnd with { Enabled = dnd });
        s = s.With(s.ForwardAlways with { Enabled = always is not null, Target = always });
        s = s.With(s.ForwardBusy with { Enabled = busy is not null, Target = busy });
        return s.With(s.ForwardNoAnswer with { Enabled = noAnswer is not null, Target = noAnswer, RingCount = rings });
    }

    [Fact]
    public void Dnd_answers_busy_even_with_forwards_set() =>
        Assert.IsType<IncomingCallDecision.Busy>(LocalCallPolicy.Decide(State(dnd: true, always: "2424"), false, 6));

    [Fact]
    public void Forward_always_redirects_to_its_target() =>
        Assert.Equal("2424", Assert.IsType<IncomingCallDecision.Redirect>(LocalCallPolicy.Decide(State(always: "2424", busy: "9"), false, 6)).Target);

    [Fact]
    public void A_second_call_goes_to_the_busy_target() =>
        Assert.Equal("3000", Assert.IsType<IncomingCallDecision.Redirect>(LocalCallPolicy.Decide(State(busy: "3000"), true, 6)).Target);

    [Fact]
    public void A_second_call_without_forward_busy_is_busy() =>
        Assert.IsType<IncomingCallDecision.Busy>(LocalCallPolicy.Decide(State(), true, 6));

    [Fact]
    public void Forward_busy_does_not_touch_the_first_call()
    {
        var decision = Assert.IsType<IncomingCallDecision.Ring>(LocalCallPolicy.Decide(State(busy: "3000"), false, 6));
        Assert.Null(decision.NoAnswerTarget);
    }

    [Theory]
    [InlineData(3, 6, 18)]
    [InlineData(4, 5, 20)]
    [InlineData(0, 6, 0)]
    public void No_answer_redirects_after_rings_times_seconds_per_ring(int rings, int secondsPerRing, int expectedSeconds)
    {
        var decision = Assert.IsType<IncomingCallDecision.Ring>(LocalCallPolicy.Decide(State(noAnswer: "1001", rings: rings), false, secondsPerRing));

        Assert.Equal("1001", decision.NoAnswerTarget);
        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), decision.NoAnswerAfter);
    }

    [Fact]
    public void A_forward_switched_on_without_a_target_is_not_executed() =>
        Assert.IsType<IncomingCallDecision.Ring>(LocalCallPolicy.Decide(State(always: " "), false, 6));

    [Fact]
    public void Nothing_set_just_rings()
    {
        var decision = Assert.IsType<IncomingCallDecision.Ring>(LocalCallPolicy.Decide(State(), false, 6));
        Assert.Null(decision.NoAnswerTarget);
    }
}
