using System.Text;
using System.Xml.Linq;
using Phone.SipCore.FeatureSync.Csta;
using Phone.SipCore.FeatureSync.Documents;

namespace Phone.SipCore.Tests.FeatureSync;

public sealed class CstaRequestHandlerTests
{
    private const string Ns = "http://www.ecma-international.org/standards/ecma-323/csta/ed3";
    private static readonly XNamespace X = Ns;

    private static readonly CstaStateSnapshot State = new(true,
    [
        new ForwardingEvent(ForwardingType.Immediate, false, null, null),
        new ForwardingEvent(ForwardingType.Busy, true, "2424", null),
        new ForwardingEvent(ForwardingType.NoAnswer, true, "1001", 4),
    ]);

    private static CstaOutcome Handle(string xml) =>
        CstaRequestHandler.Handle(CstaRequestReader.Read(Encoding.UTF8.GetBytes(xml)), State, "77");

    private static XElement Root(CstaOutcome outcome) => XDocument.Parse(outcome.ResponseBody).Root!;

    [Fact]
    public void Monitor_start_is_answered_with_a_cross_reference_id()
    {
        var outcome = Handle($"<MonitorStart xmlns=\"{Ns}\"><monitorObject><deviceObject>2001</deviceObject></monitorObject></MonitorStart>");

        var root = Root(outcome);
        Assert.Equal(X + "MonitorStartResponse", root.Name);
        Assert.Equal("77", root.Element(X + "monitorCrossRefID")?.Value);
        Assert.Null(outcome.Change);
    }

    [Fact]
    public void Monitor_start_device_is_read_from_the_device_object()
    {
        var request = CstaRequestReader.Read(Encoding.UTF8.GetBytes(
            $"<MonitorStart xmlns=\"{Ns}\"><monitorObject><deviceObject>2001</deviceObject></monitorObject></MonitorStart>"));

        Assert.Equal("2001", Assert.IsType<CstaRequest.MonitorStart>(request).Device);
    }

    [Fact]
    public void Monitor_start_with_markup_inside_the_device_object_is_answered_not_thrown()
    {
        var request = CstaRequestReader.Read(Encoding.UTF8.GetBytes(
            $"<MonitorStart xmlns=\"{Ns}\"><monitorObject><deviceObject>20<b/>01</deviceObject></monitorObject></MonitorStart>"));

        Assert.IsType<CstaRequest.MonitorStart>(request);
    }

    [Fact]
    public void Set_dnd_from_the_server_is_applied_and_acknowledged()
    {
        var outcome = Handle($"<SetDoNotDisturb xmlns=\"{Ns}\"><device>2001</device><doNotDisturbOn>false</doNotDisturbOn></SetDoNotDisturb>");

        Assert.Equal(X + "SetDoNotDisturbResponse", Root(outcome).Name);
        Assert.Equal(new SetDoNotDisturb(false) { Device = "2001" }, outcome.Change);
        Assert.False(outcome.IsError);
    }

    [Fact]
    public void Set_forwarding_from_the_server_is_applied_and_acknowledged()
    {
        var outcome = Handle($"<SetForwarding xmlns=\"{Ns}\"><device>2001</device><forwardingType>forwardImmediate</forwardingType><forwardDN>3000</forwardDN><activateForward>true</activateForward></SetForwarding>");

        Assert.Equal(X + "SetForwardingResponse", Root(outcome).Name);
        Assert.Equal(new SetForwarding(ForwardingType.Immediate, true, "3000", null) { Device = "2001" }, outcome.Change);
    }

    [Fact]
    public void Set_forwarding_on_without_a_target_is_refused()
    {
        var outcome = Handle($"<SetForwarding xmlns=\"{Ns}\"><device>2001</device><forwardingType>forwardBusy</forwardingType><activateForward>true</activateForward></SetForwarding>");

        Assert.True(outcome.IsError);
        Assert.Equal("invalidForwardingDestination", Root(outcome).Element(X + "operation")?.Value);
        Assert.Null(outcome.Change);
    }

    [Fact]
    public void Get_dnd_reports_the_current_state()
    {
        var outcome = Handle($"<GetDoNotDisturb xmlns=\"{Ns}\"><device>2001</device></GetDoNotDisturb>");

        var root = Root(outcome);
        Assert.Equal(X + "GetDoNotDisturbResponse", root.Name);
        Assert.Equal("true", root.Element(X + "doNotDisturbOn")?.Value);
    }

    [Fact]
    public void Get_forwarding_lists_every_forward()
    {
        var outcome = Handle($"<GetForwarding xmlns=\"{Ns}\"><device>2001</device></GetForwarding>");

        var items = Root(outcome).Element(X + "forwardingList")!.Elements(X + "forwardListItem").ToList();
        Assert.Equal(3, items.Count);
        Assert.Equal(["forwardImmediate", "forwardBusy", "forwardNoAns"], items.Select(i => i.Element(X + "forwardingType")!.Value));
        Assert.Equal(["false", "true", "true"], items.Select(i => i.Element(X + "forwardStatus")!.Value));
        Assert.Equal("1001", items[2].Element(X + "forwardDN")!.Value);
        Assert.Equal("4", items[2].Element(X + "ringCount")!.Value);
    }

    [Theory]
    [InlineData("<MakeCall xmlns=\"" + Ns + "\"><callingDevice>2001</callingDevice></MakeCall>", "requestIncompatibleWithObject")]
    [InlineData("<SetDoNotDisturb><device>1</device><doNotDisturbOn>perhaps</doNotDisturbOn></SetDoNotDisturb>", "generic")]
    [InlineData("<!DOCTYPE x [<!ENTITY a \"b\">]><GetDoNotDisturb/>", "generic")]
    [InlineData("garbage", "generic")]
    public void Anything_else_gets_a_csta_error_and_changes_nothing(string xml, string error)
    {
        var outcome = Handle(xml);

        Assert.True(outcome.IsError);
        Assert.Equal(X + "CSTAErrorCode", Root(outcome).Name);
        Assert.Equal(error, Root(outcome).Element(X + "operation")?.Value);
        Assert.Null(outcome.Change);
    }
}
