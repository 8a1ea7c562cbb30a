using System.Text;
using Phone.SipCore.FeatureSync.Documents;

namespace Phone.SipCore.Tests.FeatureSync;

public sealed class FeatureDocumentWriterTests
{
    private const string Ns = "http://www.ecma-international.org/standards/ecma-323/csta/ed3";

    [Fact]
    public void Set_forwarding_has_the_documented_element_order_and_empty_ring_count()
    {
        var text = FeatureDocumentWriter.WriteString(new SetForwarding(ForwardingType.Immediate, true, "2424", 3) { Device = "2001" });

        Assert.Equal(
            "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\r\n" +
            $"<SetForwarding xmlns=\"{Ns}\"><device>2001</device><activateForward>true</activateForward>" +
            "<forwardingType>forwardImmediate</forwardingType><forwardDN>2424</forwardDN><ringCount></ringCount></SetForwarding>",
            text);
    }

    [Fact]
    public void Set_forwarding_no_answer_carries_the_ring_count()
    {
        var text = FeatureDocumentWriter.WriteString(new SetForwarding(ForwardingType.NoAnswer, true, "1001", 4) { Device = "2001" });

        Assert.Contains("<forwardingType>forwardNoAns</forwardingType><forwardDN>1001</forwardDN><ringCount>4</ringCount>", text);
    }

    [Fact]
    public void Set_forwarding_off_writes_an_empty_target()
    {
        var text = FeatureDocumentWriter.WriteString(new SetForwarding(ForwardingType.Busy, false, null, null) { Device = "2001" });

        Assert.Contains("<activateForward>false</activateForward><forwardingType>forwardBusy</forwardingType><forwardDN></forwardDN><ringCount></ringCount>", text);
    }

    [Fact]
    public void Set_dnd_always_carries_the_namespace()
    {
        var text = FeatureDocumentWriter.WriteString(new SetDoNotDisturb(true) { Device = "2001" });

        Assert.Equal(
            "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\r\n" +
            $"<SetDoNotDisturb xmlns=\"{Ns}\"><device>2001</device><doNotDisturbOn>true</doNotDisturbOn></SetDoNotDisturb>",
            text);
    }

    [Fact]
    public void Device_text_is_escaped()
    {
        var text = FeatureDocumentWriter.WriteString(new SetDoNotDisturb(false) { Device = "<a&b>" });

        Assert.Contains("<device>&lt;a&amp;b&gt;</device>", text);
    }

    public static TheoryData<FeatureDocument> Documents() =>
    [
        new SetDoNotDisturb(true) { Device = "2001" },
        new DoNotDisturbEvent(false) { Device = "2001" },
        new SetForwarding(ForwardingType.NoAnswer, true, "sip:1001@pbx.example.com", 5) { Device = "2001" },
        new ForwardingEvent(ForwardingType.Busy, true, "2424", null) { Device = "2001" },
        new ForwardingEvent(ForwardingType.Immediate, false, null, null) { Device = "2001" },
    ];

    [Theory]
    [MemberData(nameof(Documents))]
    public void What_is_written_reads_back_the_same(FeatureDocument document)
    {
        var bytes = FeatureDocumentWriter.Write(document);

        var read = FeatureDocumentReader.Read(bytes);

        Assert.True(read.Success, read.Error);
        Assert.Equal(document, read.Document);
    }

    [Fact]
    public void Bytes_are_latin1_as_the_prolog_says()
    {
        var bytes = FeatureDocumentWriter.Write(new SetDoNotDisturb(true) { Device = "caf\u00e9" });

        Assert.Contains((byte)0xE9, bytes);
        Assert.Equal(Encoding.Latin1.GetString(bytes), FeatureDocumentWriter.WriteString(new SetDoNotDisturb(true) { Device = "caf\u00e9" }));
    }
}
