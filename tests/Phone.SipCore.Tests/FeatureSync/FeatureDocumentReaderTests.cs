using System.Diagnostics;
using Phone.SipCore.FeatureSync.Documents;

namespace Phone.SipCore.Tests.FeatureSync;

public sealed class FeatureDocumentReaderTests
{
    private const string Hyphen = "http://www.ecma-international.org/standards/ecma-323/csta/ed3";
    private const string NoHyphen = "http://www.ecmainternational.org/standards/ecma-323/csta/ed3";

    [Theory]
    [InlineData(Hyphen, "true", true)]
    [InlineData(NoHyphen, "false", false)]
    [InlineData(null, "TRUE", true)]
    [InlineData(Hyphen, " 1 ", true)]
    public void Reads_dnd_event_in_either_namespace_spelling_or_none(string? ns, string value, bool expected)
    {
        var xmlns = ns is null ? "" : $" xmlns=\"{ns}\"";
        var xml = $"<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n<DoNotDisturbEvent{xmlns}><device>2001</device><doNotDisturbOn>{value}</doNotDisturbOn></DoNotDisturbEvent>";

        var result = FeatureDocumentReader.Read(System.Text.Encoding.Latin1.GetBytes(xml));

        Assert.True(result.Success, result.Error);
        var dnd = Assert.IsType<DoNotDisturbEvent>(result.Document);
        Assert.Equal(expected, dnd.DoNotDisturbOn);
        Assert.Equal("2001", dnd.Device);
    }

    [Theory]
    [InlineData("forwardImmediate", ForwardingType.Immediate)]
    [InlineData("forwardBusy", ForwardingType.Busy)]
    [InlineData("forwardNoAns", ForwardingType.NoAnswer)]
    public void Reads_forwarding_event_of_each_type(string wire, ForwardingType type)
    {
        var result = FeatureDocumentReader.Read(
            $"<ForwardingEvent xmlns=\"{Hyphen}\"><device>2001</device><forwardingType>{wire}</forwardingType>" +
            "<forwardStatus>true</forwardStatus><forwardTo>1001</forwardTo><ringCount>4</ringCount></ForwardingEvent>");

        var forward = Assert.IsType<ForwardingEvent>(result.Document);
        Assert.Equal(new ForwardingEvent(type, true, "1001", 4) { Device = "2001" }, forward);
    }

    [Fact]
    public void Missing_ring_count_and_target_read_as_not_given()
    {
        var result = FeatureDocumentReader.Read(
            "<ForwardingEvent><device>x</device><forwardingType>forwardNoAns</forwardingType><forwardStatus>false</forwardStatus><forwardTo/></ForwardingEvent>");

        var forward = Assert.IsType<ForwardingEvent>(result.Document);
        Assert.False(forward.ForwardStatus);
        Assert.Null(forward.ForwardTo);
        Assert.Null(forward.RingCount);
    }

    [Fact]
    public void Children_in_another_order_are_accepted()
    {
        var result = FeatureDocumentReader.Read(
            "<ForwardingEvent><ringCount>3</ringCount><forwardTo>77</forwardTo><forwardStatus>true</forwardStatus><forwardingType>forwardNoAns</forwardingType><device>1</device></ForwardingEvent>");

        Assert.Equal(new ForwardingEvent(ForwardingType.NoAnswer, true, "77", 3) { Device = "1" }, result.Document);
    }

    [Theory]
    [InlineData("AgentReadyEvent")]
    [InlineData("SetAgentState")]
    [InlineData("SomeFutureFeatureEvent")]
    public void Unknown_documents_are_kept_by_name_to_be_ignored(string root)
    {
        var result = FeatureDocumentReader.Read($"<{root} xmlns=\"{Hyphen}\"><device>2001</device><whatever>1</whatever></{root}>");

        var unknown = Assert.IsType<UnknownDocument>(result.Document);
        Assert.Equal(root, unknown.RootName);
    }

    [Theory]
    [InlineData("<ringCount>abc</ringCount>", "not a number")]
    [InlineData("<ringCount>21</ringCount>", "outside 0..20")]
    [InlineData("<ringCount>-1</ringCount>", "not a number")]
    [InlineData("<ringCount>99999999999999</ringCount>", "not a number")]
    public void Invalid_ring_count_is_refused_with_a_reason(string ringCount, string reason)
    {
        var result = FeatureDocumentReader.Read(
            $"<ForwardingEvent><device>1</device><forwardingType>forwardNoAns</forwardingType><forwardStatus>true</forwardStatus><forwardTo>5</forwardTo>{ringCount}</ForwardingEvent>");

        Assert.False(result.Success);
        Assert.Contains(reason, result.Error);
        Assert.Contains("ringCount", result.Error);
    }

    [Theory]
    [InlineData("<ForwardingEvent><device>1</device><forwardingType>forwardSometimes</forwardingType><forwardStatus>true</forwardStatus></ForwardingEvent>", "forwardingType")]
    [InlineData("<ForwardingEvent><device>1</device><forwardStatus>true</forwardStatus></ForwardingEvent>", "<forwardingType> is missing")]
    [InlineData("<DoNotDisturbEvent><device>1</device><doNotDisturbOn>maybe</doNotDisturbOn></DoNotDisturbEvent>", "expected true or false")]
    [InlineData("<DoNotDisturbEvent><device>1</device></DoNotDisturbEvent>", "<doNotDisturbOn> is missing")]
    [InlineData("<DoNotDisturbEvent><device>1</device><doNotDisturbOn>true</doNotDisturbOn>", "malformed XML")]
    [InlineData("not xml at all", "malformed XML")]
    [InlineData("", "empty document")]
    public void Bad_documents_are_refused_with_a_reason(string xml, string reason)
    {
        var result = FeatureDocumentReader.Read(xml);

        Assert.False(result.Success);
        Assert.Contains(reason, result.Error);
    }

    [Fact]
    public void A_dtd_is_refused()
    {
        var result = FeatureDocumentReader.Read(
            "<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY x \"on\">]><DoNotDisturbEvent><device>1</device><doNotDisturbOn>true</doNotDisturbOn></DoNotDisturbEvent>");

        Assert.False(result.Success);
        Assert.Contains("DTD", result.Error);
    }

    [Fact]
    public void An_external_entity_is_never_resolved()
    {
        var secret = Path.GetTempFileName();
        File.WriteAllText(secret, "true");
        try
        {
            var result = FeatureDocumentReader.Read(
                $"<!DOCTYPE d [<!ENTITY xxe SYSTEM \"file://{secret}\">]><DoNotDisturbEvent><device>1</device><doNotDisturbOn>&xxe;</doNotDisturbOn></DoNotDisturbEvent>");

            Assert.False(result.Success);
        }
        finally
        {
            File.Delete(secret);
        }
    }

    [Fact]
    public void Billion_laughs_is_refused_quickly()
    {
        var entities = string.Concat(Enumerable.Range(1, 9).Select(i => $"<!ENTITY l{i} \"&l{i - 1};&l{i - 1};&l{i - 1};&l{i - 1};&l{i - 1};&l{i - 1};&l{i - 1};&l{i - 1};&l{i - 1};&l{i - 1};\">")); 
        var xml = $"<!DOCTYPE d [<!ENTITY l0 \"lol\">{entities}]><DoNotDisturbEvent><device>&l9;</device><doNotDisturbOn>true</doNotDisturbOn></DoNotDisturbEvent>";
        var clock = Stopwatch.StartNew();

        var result = FeatureDocumentReader.Read(xml);

        Assert.False(result.Success);
        // Not a timing test: a generous bound that only an expansion of 10^9 entities would break.
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
    }

    [Fact]
    public void An_oversized_document_is_refused_unread()
    {
        var xml = "<DoNotDisturbEvent><device>" + new string('9', 10 * 1024 * 1024) + "</device><doNotDisturbOn>true</doNotDisturbOn></DoNotDisturbEvent>";

        var result = FeatureDocumentReader.Read(xml);

        Assert.False(result.Success);
        Assert.Contains("exceeds", result.Error);
    }

    [Fact]
    public void Deeply_nested_elements_are_refused()
    {
        var xml = "<DoNotDisturbEvent><device>" + string.Concat(Enumerable.Repeat("<a>", 500)) + string.Concat(Enumerable.Repeat("</a>", 500)) +
                  "</device><doNotDisturbOn>true</doNotDisturbOn></DoNotDisturbEvent>";

        var result = FeatureDocumentReader.Read(xml);

        Assert.False(result.Success);
        Assert.Contains("nested deeper", result.Error);
    }
}
