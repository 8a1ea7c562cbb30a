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
        { "trusted hosts mixed", Valid with { TrustedHosts = "10.0.0.0/24, 2001:db8::/48, pbx2.example.com" }, null },
        { "trusted hosts bad prefix", Valid with { TrustedHosts = "10.0.0.0/33" }, nameof(PbxProfile.TrustedHosts) },
        { "trusted hosts wildcard", Valid with { TrustedHosts = "*" }, nameof(PbxProfile.TrustedHosts) },
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

    [Theory]
    [InlineData("pbx2.example.com, 10.0.0.0/33",
        "Trusted Hosts: '10.0.0.0/33' is not a host name, IP address or CIDR range (e.g. pbx2.example.com, 10.0.0.5 or 10.0.0.0/24).")]
    [InlineData("300.1.1.1",
        "Trusted Hosts: '300.1.1.1' is not a host name, IP address or CIDR range (e.g. pbx2.example.com, 10.0.0.5 or 10.0.0.0/24).")]
    [InlineData("10.0.0.7/24",
        "Trusted Hosts: '10.0.0.7/24' has address bits set past the /24 prefix; the range is written 10.0.0.0/24.")]
    public void The_trusted_hosts_message_names_the_field_and_the_bad_entry(string text, string message)
    {
        var failure = Assert.Single(Validator.Validate(Valid with { TrustedHosts = text }).Errors);

        Assert.Equal(nameof(PbxProfile.TrustedHosts), failure.PropertyName);
        Assert.Equal(message, failure.ErrorMessage);
        Assert.Equal(text, failure.AttemptedValue);
    }
}
