using Phone.SipCore.Configuration;

namespace Phone.Storage.Tests.Validation;

public sealed class PbxProfileValidatorTests
{
    private static readonly PbxProfileValidator Validator = new();

    private static readonly PbxProfile Valid = PbxPresets.FreePbx;

    public static TheoryData<string, PbxProfile, string?> Cases() => new()
    {
        { "baseline", Valid, null },
        { "code with hash", Valid with { ForwardAlwaysOffCode = "#72#" }, null },
        { "code 32 chars", Valid with { DndOnCode = new string('*', 32) }, null },
        { "code 33 chars", Valid with { DndOnCode = new string('1', 33) }, nameof(PbxProfile.DndOnCode) },
        { "code letter", Valid with { DndOnCode = "*7a" }, nameof(PbxProfile.DndOnCode) },
        { "code space", Valid with { DndOffCode = "*7 9" }, nameof(PbxProfile.DndOffCode) },
        { "code plus", Valid with { ForwardBusyOnCode = "+90" }, nameof(PbxProfile.ForwardBusyOnCode) },
        { "codes empty", Valid with { DndOnCode = "", DndOffCode = "" }, null },
        { "dnd on equals off", Valid with { DndOffCode = "*78" }, nameof(PbxProfile.DndOffCode) },
        { "always on equals off", Valid with { ForwardAlwaysOffCode = "*72" }, nameof(PbxProfile.ForwardAlwaysOffCode) },
        { "busy on equals off", Valid with { ForwardBusyOffCode = "*90" }, nameof(PbxProfile.ForwardBusyOffCode) },
        { "no answer on equals off", Valid with { ForwardNoAnswerOffCode = "*52" }, nameof(PbxProfile.ForwardNoAnswerOffCode) },
        { "same code across features", Valid with { ForwardBusyOnCode = "*72", ForwardAlwaysOnCode = "*90" }, null },
        { "pattern ims", Valid with { ForwardPattern = "{code}*{number}#" }, null },
        { "pattern no number", Valid with { ForwardPattern = "{code}" }, nameof(PbxProfile.ForwardPattern) },
        { "pattern no code", Valid with { ForwardPattern = "*72{number}" }, nameof(PbxProfile.ForwardPattern) },
        { "pattern twice", Valid with { ForwardPattern = "{code}{number}{number}" }, nameof(PbxProfile.ForwardPattern) },
        { "pattern letters", Valid with { ForwardPattern = "{code}x{number}" }, nameof(PbxProfile.ForwardPattern) },
        { "name empty", Valid with { Name = "" }, nameof(PbxProfile.Name) },
        { "name too long", Valid with { Name = new string('n', 65) }, nameof(PbxProfile.Name) },
        { "method undefined", Valid with { Method = (SyncMethod)7 }, nameof(PbxProfile.Method) },
        { "seconds per ring 0", Valid with { SecondsPerRing = 0 }, nameof(PbxProfile.SecondsPerRing) },
        { "seconds per ring 31", Valid with { SecondsPerRing = 31 }, nameof(PbxProfile.SecondsPerRing) },
        { "event package custom", Valid with { EventPackage = "x-forti.dnd" }, null },
        { "event package space", Valid with { EventPackage = "as feature" }, nameof(PbxProfile.EventPackage) },
        { "event package empty", Valid with { EventPackage = "" }, nameof(PbxProfile.EventPackage) },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Rule(string name, PbxProfile profile, string? invalidField)
    {
        var result = Validator.Validate(profile);
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

    [Fact]
    public void Messages_name_the_field_and_say_what_is_allowed()
    {
        var errors = Validator.Validate(Valid with { DndOnCode = "x", ForwardPattern = "{code}", DndOffCode = "x" }).Errors;
        Assert.Contains(errors, e => e.ErrorMessage == "Dnd On Code may only hold 0-9 * # and at most 32 characters.");
        Assert.Contains(errors, e => e.ErrorMessage.StartsWith("Forward Pattern must contain {code} and {number}", StringComparison.Ordinal));
    }
}
