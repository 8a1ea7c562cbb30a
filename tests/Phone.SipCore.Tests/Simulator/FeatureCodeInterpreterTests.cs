using Phone.SipCore.Configuration;
using Phone.SipCore.FeatureSync.Model;
using Phone.SipCore.Simulator;

namespace Phone.SipCore.Tests.Simulator;

public sealed class FeatureCodeInterpreterTests
{
    [Theory]
    [InlineData("*74", FeatureKind.Dnd, true, null)]
    [InlineData("*074", FeatureKind.Dnd, false, null)]
    [InlineData("*712424", FeatureKind.ForwardAlways, true, "2424")]
    [InlineData("*071", FeatureKind.ForwardAlways, false, null)]
    [InlineData("*723000", FeatureKind.ForwardBusy, true, "3000")]
    [InlineData("*735000", FeatureKind.ForwardNoAnswer, true, "5000")]
    [InlineData("*073", FeatureKind.ForwardNoAnswer, false, null)]
    public void Yeastar_codes_are_read_with_their_numbers(string dialled, FeatureKind kind, bool enable, string? number) =>
        Assert.Equal(new CodeAction(kind, enable, number), FeatureCodeInterpreter.Interpret(PbxPresets.YeastarS, dialled));

    [Theory]
    [InlineData("*32", true)]
    [InlineData("*30", false)]
    public void ThreeCx_codes_switch_dnd(string dialled, bool enable) =>
        Assert.Equal(new CodeAction(FeatureKind.Dnd, enable, null), FeatureCodeInterpreter.Interpret(PbxPresets.ThreeCx, dialled));

    [Fact]
    public void A_pattern_with_a_suffix_is_read_around_the_number()
    {
        Assert.Equal(new CodeAction(FeatureKind.ForwardAlways, true, "2424"), FeatureCodeInterpreter.Interpret(PbxPresets.HuaweiIms, "*57*2424#"));
        Assert.Equal(new CodeAction(FeatureKind.ForwardAlways, false, null), FeatureCodeInterpreter.Interpret(PbxPresets.HuaweiIms, "#57#"));
    }

    [Theory]
    [InlineData("*99")]
    [InlineData("*71")] // a forward code without its number
    [InlineData("2424")]
    [InlineData("")]
    [InlineData("*71ab@c")]
    public void Anything_else_is_not_a_code(string dialled) =>
        Assert.Null(FeatureCodeInterpreter.Interpret(PbxPresets.YeastarS, dialled));
}
