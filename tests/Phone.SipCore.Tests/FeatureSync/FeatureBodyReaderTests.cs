using System.Text;
using Phone.SipCore.FeatureSync.Documents;

namespace Phone.SipCore.Tests.FeatureSync;

public sealed class FeatureBodyReaderTests
{
    private const string Ns = "http://www.ecma-international.org/standards/ecma-323/csta/ed3";

    private static string Dnd(bool on) =>
        $"<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\r\n<DoNotDisturbEvent xmlns=\"{Ns}\">\r\n  <device>2001</device>\r\n  <doNotDisturbOn>{(on ? "true" : "false")}</doNotDisturbOn>\r\n</DoNotDisturbEvent>";

    private static string Cfna(int rings) =>
        $"<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\r\n<ForwardingEvent xmlns=\"{Ns}\">\r\n  <device>2001</device>\r\n  <forwardingType>forwardNoAns</forwardingType>\r\n" +
        $"  <forwardStatus>true</forwardStatus>\r\n  <forwardTo>1001</forwardTo>\r\n  <ringCount>{rings}</ringCount>\r\n</ForwardingEvent>";

    private static FeatureBody Read(string? mediaType, string? boundary, string body) =>
        FeatureBodyReader.Read(mediaType, boundary, Encoding.Latin1.GetBytes(body));

    [Fact]
    public void Multipart_full_state_with_boundary1_as_in_the_reference()
    {
        var body = $"--boundary1\r\nContent-Type: application/x-as-feature-event+xml\r\n\r\n{Dnd(false)}\r\n" +
                   $"--boundary1\r\nContent-Type: application/x-as-feature-event+xml\r\n\r\n{Cfna(4)}\r\n--boundary1--\r\n";

        var result = Read("multipart/mixed", "boundary1", body);

        Assert.Empty(result.Errors);
        Assert.Equal(2, result.Documents.Count);
        Assert.Equal(new DoNotDisturbEvent(false) { Device = "2001" }, result.Documents[0]);
        Assert.Equal(new ForwardingEvent(ForwardingType.NoAnswer, true, "1001", 4) { Device = "2001" }, result.Documents[1]);
    }

    [Fact]
    public void Multipart_with_part_headers_preamble_and_another_boundary_style()
    {
        var body = "This is a preamble.\r\n" +
                   $"--OSS-unique-boundary-42\r\nContent-Type: application/x-as-feature-event+xml\r\nContent-Length: {Dnd(true).Length}\r\nContent-ID: <dnd@as>\r\n\r\n{Dnd(true)}\r\n" +
                   $"--OSS-unique-boundary-42\r\nContent-Type: application/x-as-feature-event+xml\r\nContent-ID: <cfna@as>\r\n\r\n{Cfna(7)}\r\n" +
                   "--OSS-unique-boundary-42--\r\nepilogue";

        var result = Read("multipart/mixed", "OSS-unique-boundary-42", body);

        Assert.Empty(result.Errors);
        Assert.Equal([true], result.Documents.OfType<DoNotDisturbEvent>().Select(d => d.DoNotDisturbOn));
        Assert.Equal(7, Assert.Single(result.Documents.OfType<ForwardingEvent>()).RingCount);
    }

    [Fact]
    public void Multipart_with_bare_lf_line_ends()
    {
        var body = $"--b\nContent-Type: application/x-as-feature-event+xml\n\n{Dnd(true).Replace("\r\n", "\n")}\n--b--\n";

        var result = Read("multipart/mixed", "b", body);

        Assert.Equal(new DoNotDisturbEvent(true) { Device = "2001" }, Assert.Single(result.Documents));
    }

    [Fact]
    public void A_malformed_part_is_reported_while_the_good_parts_apply()
    {
        var body = $"--b\r\nContent-Type: application/x-as-feature-event+xml\r\n\r\n<DoNotDisturbEvent><device>1</device><doNotDisturbOn>tr\r\n" +
                   $"--b\r\nContent-Type: application/x-as-feature-event+xml\r\n\r\n<AgentReadyEvent xmlns=\"{Ns}\"><device>1</device></AgentReadyEvent>\r\n" +
                   $"--b\r\nContent-Type: application/x-as-feature-event+xml\r\n\r\n{Cfna(2)}\r\n--b--";

        var result = Read("multipart/mixed", "b", body);

        var error = Assert.Single(result.Errors);
        Assert.StartsWith("part 1:", error);
        Assert.Equal(2, result.Documents.Count);
        Assert.IsType<UnknownDocument>(result.Documents[0]);
        Assert.Equal(2, Assert.IsType<ForwardingEvent>(result.Documents[1]).RingCount);
    }

    [Fact]
    public void A_part_without_headers_is_content()
    {
        var body = $"--b\r\n\r\n<DoNotDisturbEvent xmlns=\"{Ns}\"><device>1</device><doNotDisturbOn>true</doNotDisturbOn></DoNotDisturbEvent>\r\n--b--";

        var result = Read("multipart/mixed", "b", body);

        Assert.Empty(result.Errors);
        Assert.Single(result.Documents);
    }

    [Theory]
    [InlineData("nope", "does not occur")]
    [InlineData("", "without a valid boundary")]
    public void Multipart_with_a_wrong_boundary_is_refused(string boundary, string reason)
    {
        var result = Read("multipart/mixed", boundary, $"--b\r\n\r\n{Dnd(true)}\r\n--b--");

        Assert.Empty(result.Documents);
        Assert.Contains(reason, Assert.Single(result.Errors));
    }

    [Fact]
    public void Multipart_without_its_closing_boundary_is_refused()
    {
        var result = Read("multipart/mixed", "b", $"--b\r\n\r\n{Dnd(true)}");

        Assert.Contains("closing boundary", Assert.Single(result.Errors));
    }

    [Fact]
    public void One_plain_document()
    {
        var result = Read("application/x-as-feature-event+xml", null, Dnd(true));

        Assert.Equal(new DoNotDisturbEvent(true) { Device = "2001" }, Assert.Single(result.Documents));
    }

    [Theory]
    [InlineData("")]
    [InlineData("\r\n")]
    public void No_body_means_nothing_known_yet(string body)
    {
        var result = Read(null, null, body);

        Assert.True(result.IsEmpty);
    }
}
