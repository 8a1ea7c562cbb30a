using Phone.SipCore.Transport;
using Phone.SipCore.Configuration;

namespace Phone.Storage.Tests.Validation;

public sealed class LineSettingsValidatorTests
{
    private static readonly Dictionary<int, PbxProfile> Profiles = new()
    {
        [1] = PbxPresets.BroadWorks with { Id = 1 },
        [2] = PbxPresets.Generic with { Id = 2 },
        [3] = PbxPresets.FortiVoice with { Id = 3 },
        [4] = PbxPresets.YeastarS with { Id = 4 },
    };

    private static readonly LineSettingsValidator Validator = new(16, id => Profiles.GetValueOrDefault(id));

    private static readonly LineSettings Valid = new()
    {
        Number = 1, Enabled = true, User = "2001", RegistrarHost = "pbx.example.com",
    };

    /// <summary>Each case changes one field of a valid line; null field = expect valid.</summary>
    public static TheoryData<string, LineSettings, string?> Cases() => new()
    {
        { "baseline", Valid, null },
        { "number 16", Valid with { Number = 16 }, null },
        { "number 0", Valid with { Number = 0 }, nameof(LineSettings.Number) },
        { "number 17", Valid with { Number = 17 }, nameof(LineSettings.Number) },
        { "user marks", Valid with { User = "a-b_c.d!e~f*g'h(i)j" }, null },
        { "user user-unreserved", Valid with { User = "+86&x=1$y,z;w?v/u" }, null },
        { "user escaped", Valid with { User = "2001%20x" }, null },
        { "user space", Valid with { User = "20 01" }, nameof(LineSettings.User) },
        { "user at", Valid with { User = "2001@pbx" }, nameof(LineSettings.User) },
        { "user colon", Valid with { User = "a:b" }, nameof(LineSettings.User) },
        { "user bad escape", Valid with { User = "a%2G" }, nameof(LineSettings.User) },
        { "user unicode", Valid with { User = "张三" }, nameof(LineSettings.User) },
        { "user required when enabled", Valid with { User = "" }, nameof(LineSettings.User) },
        { "user empty on disabled line", Valid with { Enabled = false, User = "", RegistrarHost = "" }, null },
        { "auth user ok", Valid with { AuthUser = "auth.2001" }, null },
        { "auth user bad", Valid with { AuthUser = "auth 2001" }, nameof(LineSettings.AuthUser) },
        { "host ipv4", Valid with { RegistrarHost = "192.0.2.10" }, null },
        { "host ipv6 bracketed", Valid with { RegistrarHost = "[2001:db8::1]" }, null },
        { "host ipv6 bare", Valid with { RegistrarHost = "2001:db8::1" }, null },
        { "host trailing dot", Valid with { RegistrarHost = "pbx.example.com." }, null },
        { "host bad ipv4", Valid with { RegistrarHost = "192.0.2.300" }, nameof(LineSettings.RegistrarHost) },
        { "host underscore", Valid with { RegistrarHost = "pbx_1.example.com" }, nameof(LineSettings.RegistrarHost) },
        { "host leading hyphen", Valid with { RegistrarHost = "-pbx.example.com" }, nameof(LineSettings.RegistrarHost) },
        { "host with port", Valid with { RegistrarHost = "pbx.example.com:5060" }, nameof(LineSettings.RegistrarHost) },
        { "host bad ipv6", Valid with { RegistrarHost = "[2001:db8::g]" }, nameof(LineSettings.RegistrarHost) },
        { "host required when enabled", Valid with { RegistrarHost = "" }, nameof(LineSettings.RegistrarHost) },
        { "port 1", Valid with { Port = 1 }, null },
        { "port 65535", Valid with { Port = 65535 }, null },
        { "port 0", Valid with { Port = 0 }, nameof(LineSettings.Port) },
        { "port 65536", Valid with { Port = 65536 }, nameof(LineSettings.Port) },
        { "transport undefined", Valid with { Transport = (SipTransportKind)9 }, nameof(LineSettings.Transport) },
        { "proxy host", Valid with { OutboundProxy = "proxy.example.com" }, null },
        { "proxy host port", Valid with { OutboundProxy = "10.1.1.1:5070" }, null },
        { "proxy ipv6 port", Valid with { OutboundProxy = "[2001:db8::2]:5060" }, null },
        { "proxy bad port", Valid with { OutboundProxy = "proxy.example.com:0" }, nameof(LineSettings.OutboundProxy) },
        { "proxy scheme", Valid with { OutboundProxy = "sip:proxy.example.com" }, nameof(LineSettings.OutboundProxy) },
        { "expiry 30", Valid with { RegistrationExpiry = 30 }, null },
        { "expiry 86400", Valid with { RegistrationExpiry = 86400 }, null },
        { "expiry 29", Valid with { RegistrationExpiry = 29 }, nameof(LineSettings.RegistrationExpiry) },
        { "expiry 86401", Valid with { RegistrationExpiry = 86401 }, nameof(LineSettings.RegistrationExpiry) },
        { "label control char", Valid with { Label = "a\nb" }, nameof(LineSettings.Label) },
        { "label too long", Valid with { Label = new string('x', 65) }, nameof(LineSettings.Label) },
        { "display name unicode", Valid with { DisplayName = "前台 Reception" }, null },
        { "display name control char", Valid with { DisplayName = "a\u0007" }, nameof(LineSettings.DisplayName) },
        { "password control char", Valid with { Password = "a\rb" }, nameof(LineSettings.Password) },
        { "sync with event profile", Valid with { FeatureSync = true, PbxProfileId = 1 }, null },
        { "sync with fortivoice", Valid with { FeatureSync = true, PbxProfileId = 3 }, null },
        { "sync with codes profile", Valid with { FeatureSync = true, PbxProfileId = 4 }, null },
        { "sync with codeless profile", Valid with { FeatureSync = true, PbxProfileId = 2 }, nameof(LineSettings.FeatureSync) },
        { "sync without profile", Valid with { FeatureSync = true }, nameof(LineSettings.FeatureSync) },
        { "profile unknown", Valid with { PbxProfileId = 99 }, nameof(LineSettings.PbxProfileId) },
        { "codeless profile without sync", Valid with { PbxProfileId = 2 }, null },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Rule(string name, LineSettings settings, string? invalidField)
    {
        var result = Validator.Validate(settings);
        if (invalidField is null)
        {
            Assert.True(result.IsValid, $"{name}: {result}");
        }
        else
        {
            var failure = Assert.Single(result.Errors);
            Assert.Equal(invalidField, failure.PropertyName);
            Assert.False(string.IsNullOrWhiteSpace(failure.ErrorMessage));
        }
    }

    [Fact]
    public void Messages_name_the_field_and_say_what_is_allowed()
    {
        var errors = Validator.Validate(Valid with { Port = 0, RegistrationExpiry = 5, User = "a b" }).Errors;

        Assert.Contains(errors, e => e.ErrorMessage == "Port must be from 1 to 65535.");
        Assert.Contains(errors, e => e.ErrorMessage == "Registration Expiry must be from 30 to 86400 seconds.");
        Assert.Contains(errors, e => e.ErrorMessage.StartsWith("User may only hold SIP user-part characters", StringComparison.Ordinal));
    }

    [Fact]
    public void A_rejected_password_is_not_echoed_in_the_failure()
    {
        var secret = "secret\n" + new string('p', 200);
        var failure = Assert.Single(Validator.Validate(Valid with { Password = secret }).Errors);

        Assert.Equal(nameof(LineSettings.Password), failure.PropertyName);
        Assert.Equal("***", failure.AttemptedValue);
        Assert.DoesNotContain("secret", failure.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Feature_sync_is_off_by_default() => Assert.False(new LineSettings { Number = 1 }.FeatureSync);
}
