using System.Text;
using Phone.SipCore.FeatureSync.Csta;
using Phone.SipCore.FeatureSync.Documents;
using Phone.SipCore.Parsing;

namespace Phone.SipCore.Tests.Fuzz;

/// <summary>
/// Mutated SIP messages and feature documents must never throw out of the parser or the
/// readers. A fixed number of iterations runs in CI; set FEATURESYNC_FUZZ_ITERATIONS for a
/// longer run on demand (e.g. 1000000).
/// </summary>
public sealed class ParserFuzzTests
{
    private static readonly int Iterations =
        int.TryParse(Environment.GetEnvironmentVariable("FEATURESYNC_FUZZ_ITERATIONS"), out var n) && n > 0 ? n : 20_000;

    private const string Ns = "http://www.ecma-international.org/standards/ecma-323/csta/ed3";

    public static TheoryData<string> SipSeeds() =>
    [
        "NOTIFY sip:2001@192.0.2.10:5060 SIP/2.0\r\nVia: SIP/2.0/UDP 198.51.100.7:5060;branch=z9hG4bK-1;rport\r\nMax-Forwards: 70\r\n" +
        "From: <sip:2001@as.example.com>;tag=8a\r\nTo: <sip:2001@as.example.com>;tag=p1\r\nCall-ID: fks-1@192.0.2.10\r\nCSeq: 102 NOTIFY\r\n" +
        "Contact: <sip:198.51.100.7:5060;transport=udp>\r\nEvent: as-feature-event\r\nSubscription-State: active;expires=3540\r\n" +
        "Content-Type: multipart/mixed;boundary=boundary1\r\nContent-Length: 5\r\n\r\nhello",
        "SIP/2.0 401 Unauthorized\r\nVia: SIP/2.0/TCP [2001:db8::1]:5060;branch=z9hG4bK-2;received=2001:db8::2\r\nFrom: \"A \\\"q\\\"\" <sips:a@b>;tag=1\r\n" +
        "To: <sip:%2A78@b>;tag=2\r\ni: x@y\r\nCSeq: 1 REGISTER\r\nWWW-Authenticate: Digest realm=\"r\", nonce=\"n,1\", qop=\"auth,auth-int\", algorithm=SHA-256\r\nl: 0\r\n\r\n",
        "INVITE sip:*72*2424%23@pbx.example.com SIP/2.0\r\nv: SIP/2.0/UDP 10.0.0.1;branch=z9hG4bK-3, SIP/2.0/UDP 10.0.0.2;branch=z9hG4bK-4\r\n" +
        "f: <sip:a@b>;tag=x\r\nt: sip:c@d\r\ni: folded\r\n  continues@x\r\nCSeq: 7 INVITE\r\nMax-Forwards: 70\r\nm: <sip:a@10.0.0.1>;expires=60, *\r\n" +
        "c: application/sdp\r\nContent-Length: 3\r\n\r\nv=0",
    ];

    public static TheoryData<string> XmlSeeds() =>
    [
        $"<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\r\n<DoNotDisturbEvent xmlns=\"{Ns}\"><device>2001</device><doNotDisturbOn>true</doNotDisturbOn></DoNotDisturbEvent>",
        $"<ForwardingEvent xmlns=\"{Ns}\"><device>2001</device><forwardingType>forwardNoAns</forwardingType><forwardStatus>true</forwardStatus><forwardTo>1001</forwardTo><ringCount>4</ringCount></ForwardingEvent>",
        $"--b\r\nContent-Type: application/x-as-feature-event+xml\r\n\r\n<SetForwarding xmlns=\"{Ns}\"><device>1</device><activateForward>true</activateForward><forwardingType>forwardBusy</forwardingType><forwardDN>2</forwardDN><ringCount></ringCount></SetForwarding>\r\n--b--",
        $"<MonitorStart xmlns=\"{Ns}\"><monitorObject><deviceObject>2001</deviceObject></monitorObject></MonitorStart>",
    ];

    [Theory]
    [MemberData(nameof(SipSeeds))]
    public void Mutated_sip_messages_never_throw_from_the_parser(string seed)
    {
        var bytes = Encoding.UTF8.GetBytes(seed);
        var mutator = new Mutator(seed.Length);
        var parsed = 0;
        for (var i = 0; i < Iterations; i++)
        {
            var input = mutator.Mutate(bytes);
            var result = SipParser.TryParse(input);
            if (result.Success)
            {
                parsed++;
                // Typed views are where lazy parsing happens: they must not throw either.
                _ = result.Message.Vias;
                _ = result.Message.From;
                _ = result.Message.TryGetContacts(out _);
                _ = result.Message.TryGetContentType(out _);
                _ = result.Message.TryGetSubscriptionState(out _);
                _ = result.Message.TryGetEvent(out _);
            }
            else
            {
                Assert.False(string.IsNullOrEmpty(result.Reason));
            }
        }
        Assert.True(parsed > 0, "no mutation parsed at all: the seed or the mutator is broken");
    }

    [Theory]
    [MemberData(nameof(XmlSeeds))]
    public void Mutated_feature_bodies_never_throw_from_the_readers(string seed)
    {
        var bytes = Encoding.UTF8.GetBytes(seed);
        var mutator = new Mutator(seed.Length + 1);
        for (var i = 0; i < Iterations / 4; i++)
        {
            var input = mutator.Mutate(bytes);
            _ = FeatureBodyReader.Read("multipart/mixed", "b", input);
            _ = FeatureBodyReader.Read("application/x-as-feature-event+xml", null, input);
            _ = CstaRequestHandler.Handle(CstaRequestReader.Read(input), new CstaStateSnapshot(false, []), "1");
        }
    }
}
