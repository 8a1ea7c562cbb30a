using System.Text;
using BenchmarkDotNet.Attributes;
using Phone.SipCore.FeatureSync.Documents;

namespace Phone.Benchmarks;

/// <summary>
/// Reading one feature document: the XmlReader path (what every document took before the flat
/// fast path) against <see cref="FeatureDocumentReader.Read(ReadOnlyMemory{byte})"/>, which takes
/// the fast path for these. The DND document is the body of shared/bench's NOTIFY; the forward is
/// written the same way (prolog, hyphenated namespace, every child). Reported in docs/performance.md
/// (target 2), never asserted.
/// </summary>
[MemoryDiagnoser]
[MinColumn]
[MedianColumn]
public class FeatureDocumentBenchmarks
{
    private static readonly byte[] Forwarding = Encoding.ASCII.GetBytes(
        "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\r\n" +
        "<ForwardingEvent xmlns=\"http://www.ecma-international.org/standards/ecma-323/csta/ed3\"><device>2001</device>" +
        "<forwardingType>forwardNoAns</forwardingType><forwardStatus>true</forwardStatus><forwardTo>1001</forwardTo>" +
        "<ringCount>4</ringCount></ForwardingEvent>");

    private ReadOnlyMemory<byte> _dnd;

    [GlobalSetup]
    public void Setup()
    {
        var notify = File.ReadAllBytes(BenchFiles.Locate(BenchFiles.Notify));
        _dnd = notify.AsMemory(notify.AsSpan().IndexOf("\r\n\r\n"u8) + 4);
        foreach (var document in new[] { _dnd, Forwarding })
        {
            if (!FeatureDocumentReader.TryReadFlat(document.Span, out var fast) || fast != FeatureDocumentReader.ReadWithXmlReader(document))
            {
                throw new InvalidOperationException($"The fast path does not read {Encoding.ASCII.GetString(document.Span)} as the XmlReader does.");
            }
        }
    }

    [Benchmark]
    public FeatureDocumentResult DndXmlReader() => FeatureDocumentReader.ReadWithXmlReader(_dnd);

    [Benchmark]
    public FeatureDocumentResult DndFlat() => FeatureDocumentReader.Read(_dnd);

    [Benchmark]
    public FeatureDocumentResult ForwardingXmlReader() => FeatureDocumentReader.ReadWithXmlReader(Forwarding);

    [Benchmark]
    public FeatureDocumentResult ForwardingFlat() => FeatureDocumentReader.Read(Forwarding);
}
