using Phone.SipCore.Configuration;
using Phone.SipCore.FeatureSync.Model;

namespace Phone.Storage.Tests.Validation;

public sealed class PbxPresetsTests
{
    [Fact]
    public void Every_preset_is_valid_and_named_uniquely()
    {
        var validator = new PbxProfileValidator();
        Assert.All(PbxPresets.All, p => Assert.True(validator.Validate(p).IsValid, p.Name));
        Assert.Equal(10, PbxPresets.All.Select(p => p.Name).Distinct(StringComparer.OrdinalIgnoreCase).Count());
    }

    /// <summary>protocol.md section 2, row by row: on, off, and the dial string for number 2424.</summary>
    public static TheoryData<string, FeatureKind, string, string, string?> Table() => new()
    {
        { "FreePBX/Asterisk", FeatureKind.Dnd, "*78", "*79", "*78" },
        { "FreePBX/Asterisk", FeatureKind.ForwardAlways, "*72", "*73", "*722424" },
        { "FreePBX/Asterisk", FeatureKind.ForwardBusy, "*90", "*91", "*902424" },
        { "FreePBX/Asterisk", FeatureKind.ForwardNoAnswer, "*52", "*53", "*522424" },
        { "Yeastar S-series", FeatureKind.Dnd, "*74", "*074", "*74" },
        { "Yeastar S-series", FeatureKind.ForwardAlways, "*71", "*071", "*712424" },
        { "Yeastar S-series", FeatureKind.ForwardBusy, "*72", "*072", "*722424" },
        { "Yeastar S-series", FeatureKind.ForwardNoAnswer, "*73", "*073", "*732424" },
        { "Yeastar P-series", FeatureKind.Dnd, "", "", null },
        { "Yeastar P-series", FeatureKind.ForwardAlways, "*31", "*031", "*312424" },
        { "Yeastar P-series", FeatureKind.ForwardBusy, "*32", "*032", "*322424" },
        { "Yeastar P-series", FeatureKind.ForwardNoAnswer, "*33", "*033", "*332424" },
        { "3CX", FeatureKind.Dnd, "*32", "*30", "*32" },
        { "3CX", FeatureKind.ForwardAlways, "", "", null },
        { "BroadWorks", FeatureKind.Dnd, "*78", "*79", "*78" },
        { "BroadWorks", FeatureKind.ForwardNoAnswer, "*92", "*93", "*922424" },
        { "Metaswitch", FeatureKind.Dnd, "", "", null },
        { "Metaswitch", FeatureKind.ForwardAlways, "*72", "*73", "*722424" },
        { "Metaswitch", FeatureKind.ForwardBusy, "*90", "*91", "*902424" },
        { "Metaswitch", FeatureKind.ForwardNoAnswer, "", "", null },
        { "Huawei IMS", FeatureKind.Dnd, "", "", null },
        { "Huawei IMS", FeatureKind.ForwardAlways, "*57", "#57#", "*57*2424#" },
        { "Huawei IMS", FeatureKind.ForwardBusy, "*40", "#40#", "*40*2424#" },
        { "ZTE IMS", FeatureKind.ForwardNoAnswer, "*41", "#41#", "*41*2424#" },
        { "FortiVoice", FeatureKind.Dnd, "", "", null },
        { "Generic", FeatureKind.ForwardAlways, "", "", null },
    };

    [Theory]
    [MemberData(nameof(Table))]
    public void Preset_codes_follow_the_protocol_table(string preset, FeatureKind kind, string on, string off, string? dialOn)
    {
        var profile = PbxPresets.Find(preset)!;
        Assert.Equal(on, profile.OnCode(kind));
        Assert.Equal(off, profile.OffCode(kind));
        Assert.Equal(dialOn, profile.DialString(kind, true, "2424"));
        Assert.Equal(off.Length == 0 ? null : off, profile.DialString(kind, false));
    }

    [Theory]
    [InlineData("BroadWorks", SyncMethod.AsFeatureEvent, true)]
    [InlineData("Metaswitch", SyncMethod.AsFeatureEvent, true)]
    [InlineData("FortiVoice", SyncMethod.FeatureCodesWithAsFeatureEventDnd, true)]
    [InlineData("3CX", SyncMethod.FeatureCodes, true)]
    [InlineData("ZTE IMS", SyncMethod.FeatureCodes, true)]
    [InlineData("Generic", SyncMethod.FeatureCodes, false)]
    public void Methods_and_sync_ability(string preset, SyncMethod method, bool canSync)
    {
        var profile = PbxPresets.Find(preset)!;
        Assert.Equal(method, profile.Method);
        Assert.Equal(canSync, profile.CanSync);
        Assert.Equal("as-feature-event", profile.EventPackage);
    }

    [Fact]
    public void Forward_on_code_without_a_number_is_never_dialled_bare()
    {
        // protocol.md 2: a bare forward code may start an interactive prompt.
        Assert.Null(PbxPresets.FreePbx.DialString(FeatureKind.ForwardAlways, true));
        Assert.True(PbxPresets.ThreeCx.AcceptUaCsta);
    }
}
