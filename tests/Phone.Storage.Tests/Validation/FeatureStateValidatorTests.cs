using Phone.SipCore.Configuration;
using Phone.SipCore.FeatureSync.Model;

namespace Phone.Storage.Tests.Validation;

public sealed class FeatureStateValidatorTests
{
    private static readonly FeatureStateValidator Validator = new();

    private static readonly FeatureState Forward = new(FeatureKind.ForwardNoAnswer, true, "2424", 4,
        FeatureStanding.Pending, FeatureOrigin.Web, DateTimeOffset.UnixEpoch);

    public static TheoryData<string, FeatureState, string?> Cases() => new()
    {
        { "baseline", Forward, null },
        { "e164 number", Forward with { Target = "+8613800138000" }, null },
        { "star hash number", Forward with { Target = "*86#1" }, null },
        { "sip uri", Forward with { Target = "sip:voicemail@pbx.example.com" }, null },
        { "sips uri with port and params", Forward with { Target = "sips:2001@[2001:db8::1]:5061;transport=tls" }, null },
        { "sip uri without user", Forward with { Target = "sip:pbx.example.com" }, null },
        { "tel uri", Forward with { Target = "tel:+123" }, nameof(FeatureState.Target) },
        { "letters", Forward with { Target = "abc" }, nameof(FeatureState.Target) },
        { "spaces", Forward with { Target = "24 24" }, nameof(FeatureState.Target) },
        { "too long number", Forward with { Target = new string('1', 33) }, nameof(FeatureState.Target) },
        { "sip uri bad host", Forward with { Target = "sip:2001@bad_host" }, nameof(FeatureState.Target) },
        { "sip uri bad user", Forward with { Target = "sip:20 01@pbx.example.com" }, nameof(FeatureState.Target) },
        { "forward on without target", Forward with { Target = null }, nameof(FeatureState.Target) },
        { "forward off without target", Forward with { Enabled = false, Target = null }, null },
        { "ring count 0", Forward with { RingCount = 0 }, null },
        { "ring count 20", Forward with { RingCount = 20 }, null },
        { "ring count null", Forward with { RingCount = null }, null },
        { "ring count 21", Forward with { RingCount = 21 }, nameof(FeatureState.RingCount) },
        { "ring count -1", Forward with { RingCount = -1 }, nameof(FeatureState.RingCount) },
        { "dnd", Forward with { Kind = FeatureKind.Dnd, Target = null, RingCount = null }, null },
        { "dnd with target", Forward with { Kind = FeatureKind.Dnd, RingCount = null }, nameof(FeatureState.Target) },
        { "unknown kind", Forward with { Kind = (FeatureKind)99 }, nameof(FeatureState.Kind) },
        { "unknown standing", Forward with { Standing = (FeatureStanding)99 }, nameof(FeatureState.Standing) },
        { "unknown origin", Forward with { Origin = (FeatureOrigin)(-1) }, nameof(FeatureState.Origin) },
    };

    // The enum rules keep the codes and texts the forms and the API word (Enum.IsDefined replaced IsInEnum()).
    [Theory]
    [InlineData(nameof(FeatureState.Kind), ValidationCodes.FeatureKind, "Kind must be Dnd, ForwardAlways, ForwardBusy or ForwardNoAnswer.")]
    [InlineData(nameof(FeatureState.Standing), ValidationCodes.Standing, "Standing is not a known standing.")]
    [InlineData(nameof(FeatureState.Origin), ValidationCodes.Origin, "Origin must be Server, Phone, Web or Config.")]
    public void An_unknown_enum_value_fails_with_its_code_and_text(string property, string code, string message)
    {
        var state = property switch
        {
            nameof(FeatureState.Kind) => Forward with { Kind = (FeatureKind)99 },
            nameof(FeatureState.Standing) => Forward with { Standing = (FeatureStanding)99 },
            _ => Forward with { Origin = (FeatureOrigin)99 },
        };

        var failure = Assert.Single(Validator.Validate(state).Errors);

        Assert.Equal(property, failure.PropertyName);
        Assert.Equal(code, failure.ErrorCode);
        Assert.Equal(message, failure.ErrorMessage);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Rule(string name, FeatureState state, string? invalidField)
    {
        var result = Validator.Validate(state);
        if (invalidField is null)
        {
            Assert.True(result.IsValid, $"{name}: {result}");
        }
        else
        {
            var failure = Assert.Single(result.Errors);
            Assert.Equal(invalidField, failure.PropertyName);
        }
    }
}
