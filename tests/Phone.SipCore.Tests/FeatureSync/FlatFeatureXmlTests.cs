using System.Text;
using Phone.SipCore.FeatureSync.Documents;
using Phone.SipCore.Tests.Fuzz;

namespace Phone.SipCore.Tests.FeatureSync;

/// <summary>
/// The fast path (<see cref="FlatFeatureXml"/>) against the XmlReader path: wherever the fast
/// path answers, its answer must be the XmlReader path's, value errors included; what it does
/// not fully understand it must decline, and the common shapes it must take.
/// </summary>
public sealed class FlatFeatureXmlTests(ITestOutputHelper output)
{
    private const string Hyphen = FeatureXmlCorpus.Hyphen;

    /// <summary>XML fragments worth inserting into feature documents, besides the mutator's own.</summary>
    private static readonly byte[][] XmlTokens =
    [
        .. new[]
        {
            "&amp;", "&#x41;", "&#13;", "&#0;", "&lt;", "&bogus;", "&#xD800;", "\r", "'", "\"", "=", "/>", "</", "<a>", "</a>",
            " xmlns:x=\"u\"", "x:", ":", "<?", "?>", "<!--", "-->", "--", "]]>", "<![CDATA[x]]>", "  ", "\u00A0", "\u2028", "\uFFFD",
            "<device>9</device>", "<?xml version=\"1.0\"?>",
        }.Select(Encoding.UTF8.GetBytes),
        [0x80], [0xC3], [0xEF, 0xBB, 0xBF], [0x7F], [0xF4, 0x90, 0x80, 0x80],
    ];

    public static TheoryData<string> TakenShapes() =>
    [
        FeatureXmlCorpus.BenchDnd,
        FeatureXmlCorpus.BenchForwarding,
        .. FeatureXmlCorpus.SpecExamples,
        $"<x:ForwardingEvent xmlns:x=\"{Hyphen}\"><x:device>2001</x:device><x:forwardingType>forwardBusy</x:forwardingType><x:forwardStatus>false</x:forwardStatus><x:forwardTo/></x:ForwardingEvent>",
        "<DoNotDisturbEvent><device>2001</device><doNotDisturbOn>true</doNotDisturbOn></DoNotDisturbEvent>",
        $"<?xml version='1.0' encoding='UTF-8'?>\r\n<DoNotDisturbEvent xmlns='{Hyphen}'>\r\n\t<device >Z\u00FCrich</device >\r\n\t<doNotDisturbOn> 1 </doNotDisturbOn>\r\n</DoNotDisturbEvent>\r\n",
        "<SetDoNotDisturb><device>a&amp;b &#x4E1C;&#20140;</device><doNotDisturbOn>false</doNotDisturbOn><unknownChild>x</unknownChild></SetDoNotDisturb>",
        $"<AgentLoggedOnEvent xmlns=\"{Hyphen}\"/>",
        "<DoNotDisturbEvent><device>1</device><doNotDisturbOn>maybe</doNotDisturbOn></DoNotDisturbEvent>",
    ];

    public static TheoryData<string, string?> DeclinedInputs() =>
    [
        // (document, the reason the full path must still give, or null where it reads fine)
        ("<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY x \"on\">]><DoNotDisturbEvent><device>1</device><doNotDisturbOn>&x;</doNotDisturbOn></DoNotDisturbEvent>", "DTD"),
        (BillionLaughs(), "DTD"),
        ("<!DOCTYPE d [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]><DoNotDisturbEvent><device>&xxe;</device><doNotDisturbOn>true</doNotDisturbOn></DoNotDisturbEvent>", "DTD"),
        ("<DoNotDisturbEvent><device>" + string.Concat(Enumerable.Repeat("<a>", 500)) + string.Concat(Enumerable.Repeat("</a>", 500)) + "</device><doNotDisturbOn>true</doNotDisturbOn></DoNotDisturbEvent>", "nested deeper"),
        ("<DoNotDisturbEvent><device>x</b><doNotDisturbOn>true</doNotDisturbOn></DoNotDisturbEvent>", "malformed XML"),
        ("<DoNotDisturbEvent><device>1</device><doNotDisturbOn>true</doNotDisturbOn></DoNotDisturbEvent2>", "malformed XML"),
        ("<DoNotDisturbEvent><device>1</device><doNotDisturbOn>true</doNotDisturbOn>", "malformed XML"),
        ("<DoNotDisturbEvent><device>1</device><doNotDisturbOn>tr", "malformed XML"),
        ("<DoNotDisturbEvent><device>1 < 2</device><doNotDisturbOn>true</doNotDisturbOn></DoNotDisturbEvent>", "malformed XML"),
        ("<DoNotDisturbEvent a=1><device>1</device><doNotDisturbOn>true</doNotDisturbOn></DoNotDisturbEvent>", "malformed XML"),
        ("<DoNotDisturbEvent a=\"1\" a=\"2\"><device>1</device><doNotDisturbOn>true</doNotDisturbOn></DoNotDisturbEvent>", "malformed XML"),
        ("<x:DoNotDisturbEvent><x:device>1</x:device><x:doNotDisturbOn>true</x:doNotDisturbOn></x:DoNotDisturbEvent>", "malformed XML"),
        ("<DoNotDisturbEvent><device>1 ]]> 2</device><doNotDisturbOn>true</doNotDisturbOn></DoNotDisturbEvent>", "malformed XML"),
        ("<DoNotDisturbEvent><device>&#0;</device><doNotDisturbOn>true</doNotDisturbOn></DoNotDisturbEvent>", "malformed XML"),
        ("<DoNotDisturbEvent><device>1</device><doNotDisturbOn>true</doNotDisturbOn></DoNotDisturbEvent><DoNotDisturbEvent/>", "malformed XML"),
        ("<DoNotDisturbEvent><device>1</device><doNotDisturbOn>true</doNotDisturbOn></DoNotDisturbEvent>trailing", "malformed XML"),
        ("<DoNotDisturbEvent><device>1</device><!-- a -- b --><doNotDisturbOn>true</doNotDisturbOn></DoNotDisturbEvent>", "malformed XML"),
        ("not xml at all", "malformed XML"),
        ("", "empty document"),
        ("<DoNotDisturbEvent><device>" + new string('9', 20_000) + "</device><doNotDisturbOn>true</doNotDisturbOn></DoNotDisturbEvent>", "exceeds"),
        // Well-formed but outside the flat shape: the XmlReader path reads them.
        ("<DoNotDisturbEvent><device>1</device><!-- note --><doNotDisturbOn>true</doNotDisturbOn></DoNotDisturbEvent>", null),
        ("<DoNotDisturbEvent><device><![CDATA[1]]></device><doNotDisturbOn>true</doNotDisturbOn></DoNotDisturbEvent>", null),
        ("<DoNotDisturbEvent><?pi x?><device>1</device><doNotDisturbOn>true</doNotDisturbOn></DoNotDisturbEvent>", null),
        ("<DoNotDisturbEvent><device><sub>1</sub></device><doNotDisturbOn>true</doNotDisturbOn></DoNotDisturbEvent>", null),
        ("\uFEFF<DoNotDisturbEvent><device>1</device><doNotDisturbOn>true</doNotDisturbOn></DoNotDisturbEvent>", null),
    ];

    [Fact]
    public void Every_corpus_document_is_declined_or_read_exactly_as_the_xml_reader_reads_it()
    {
        var corpus = FeatureXmlCorpus.All();
        var taken = 0;
        foreach (var document in corpus)
        {
            foreach (var bytes in Encodings(document))
            {
                taken += AssertAgreement(bytes) ? 1 : 0;
            }
        }
        output.WriteLine($"{corpus.Count} documents ({FeatureXmlCorpus.ScenarioDocuments().Count} from sipp scenarios, " +
            $"{FeatureXmlCorpus.TestSourceDocuments().Count} from test sources), {taken} encodings taken by the fast path");
        // Most variants are malformed or unusual on purpose, but a scanner that declined all would pass the loop.
        Assert.True(taken > corpus.Count / 20, $"only {taken} of {corpus.Count} documents were taken by the fast path");
    }

    [Fact]
    public void The_corpus_finds_the_documents_of_the_sipp_scenarios_and_the_tests()
    {
        // Guards the corpus itself: if the files move or the pattern rots, the agreement test loses its real samples.
        Assert.True(FeatureXmlCorpus.ScenarioDocuments().Count >= 20, $"{FeatureXmlCorpus.ScenarioDocuments().Count} scenario documents");
        Assert.True(FeatureXmlCorpus.TestSourceDocuments().Count >= 20, $"{FeatureXmlCorpus.TestSourceDocuments().Count} test documents");
    }

    [Fact]
    public void Every_as_feature_event_document_of_the_sipp_scenarios_is_taken_by_the_fast_path()
    {
        // uaCSTA's MonitorStart nests its device two levels down: that one is the XmlReader's.
        foreach (var document in FeatureXmlCorpus.ScenarioDocuments().Where(d => !d.Contains("<monitorObject>", StringComparison.Ordinal)))
        {
            Assert.True(FeatureDocumentReader.TryReadFlat(Encoding.UTF8.GetBytes(document), out _), document);
        }
    }

    [Theory]
    [MemberData(nameof(TakenShapes))]
    public void Common_shapes_are_taken_by_the_fast_path(string document)
    {
        var bytes = Encoding.UTF8.GetBytes(document);

        Assert.True(FeatureDocumentReader.TryReadFlat(bytes, out var fast), "declined");
        Assert.Equal(FeatureDocumentReader.ReadWithXmlReader(bytes), fast);
    }

    [Fact]
    public void The_fast_path_decodes_references_line_ends_and_trims_like_the_xml_reader()
    {
        var bytes = Encoding.UTF8.GetBytes(
            "<ForwardingEvent><device>&#32; a&amp;b\r\nc\rd &#x4E1C;\u00A0</device><forwardingType>forwardNoAns</forwardingType>" +
            "<forwardStatus>\n&#49;\t</forwardStatus><forwardTo>&#13;x&#13;y</forwardTo><ringCount>0&#x35;</ringCount></ForwardingEvent>");

        Assert.True(FeatureDocumentReader.TryReadFlat(bytes, out var fast), "declined");

        Assert.Equal(new ForwardingEvent(ForwardingType.NoAnswer, true, "x\ry", 5) { Device = "a&b\nc\nd \u4E1C" }, fast.Document);
        Assert.Equal(FeatureDocumentReader.ReadWithXmlReader(bytes), fast);
    }

    [Theory]
    [MemberData(nameof(DeclinedInputs))]
    public void Malformed_hostile_and_unusual_input_is_declined_and_the_full_path_decides_as_before(string document, string? reason)
    {
        var bytes = Encoding.UTF8.GetBytes(document);

        Assert.False(FeatureDocumentReader.TryReadFlat(bytes, out _));

        var result = FeatureDocumentReader.Read(bytes);
        Assert.Equal(FeatureDocumentReader.ReadWithXmlReader(bytes), result);
        if (reason is null)
        {
            Assert.True(result.Success, result.Error);
        }
        else
        {
            Assert.False(result.Success);
            Assert.Contains(reason, result.Error);
        }
    }

    [Fact]
    public void Random_mutations_of_the_corpus_are_declined_or_read_exactly_as_the_xml_reader_reads_them()
    {
        // Seeds the fast path takes, so that a mutation that keeps the document flat is compared too.
        var seeds = FeatureXmlCorpus.All().Select(Encoding.UTF8.GetBytes).Where(b => FeatureDocumentReader.TryReadFlat(b, out _)).ToArray();
        // Single edits leave many documents flat (a changed value, an added space); several edits break most.
        Mutator[] mutators = [new(20261201, XmlTokens, maxEdits: 1), new(20261202, XmlTokens)];
        var pick = new Random(14);
        var taken = 0;
        // FEATURESYNC_FUZZ_ITERATIONS (as for ParserFuzzTests) runs more on demand.
        var cases = int.TryParse(Environment.GetEnvironmentVariable("FEATURESYNC_FUZZ_ITERATIONS"), out var n) && n > 0 ? n : 8000;
        for (var i = 0; i < cases; i++)
        {
            taken += AssertAgreement(mutators[i % 2].Mutate(seeds[pick.Next(seeds.Length)])) ? 1 : 0;
        }
        output.WriteLine($"{cases} mutations of {seeds.Length} seeds, {taken} taken by the fast path");
        // Some mutations leave a flat document (a changed value, an added space): the rule must be checked on those too.
        Assert.True(taken > cases / 20, $"only {taken} of {cases} mutations were taken by the fast path");
    }

    /// <summary>True when the fast path took the document (and agreed); false when it declined.</summary>
    private static bool AssertAgreement(byte[] bytes)
    {
        if (!FeatureDocumentReader.TryReadFlat(bytes, out var fast))
        {
            return false;
        }
        var full = FeatureDocumentReader.ReadWithXmlReader(bytes);
        if (!Equals(full, fast))
        {
            Assert.Fail($"fast {Describe(fast)} but XmlReader {Describe(full)} for bytes {Convert.ToHexString(bytes)}:\n{Encoding.UTF8.GetString(bytes)}");
        }
        return true;
    }

    private static string Describe(FeatureDocumentResult result) => result.Success ? $"{result.Document}" : $"error '{result.Error}'";

    /// <summary>UTF-8 always; a document that declares ISO-8859-1 also in that encoding, where it fits.</summary>
    private static IEnumerable<byte[]> Encodings(string document)
    {
        yield return Encoding.UTF8.GetBytes(document);
        if (document.Contains("ISO-8859-1", StringComparison.Ordinal) && document.All(c => c <= 0xFF) && !Ascii.IsValid(document))
        {
            yield return Encoding.Latin1.GetBytes(document);
        }
    }

    private static string BillionLaughs()
    {
        var entities = string.Concat(Enumerable.Range(1, 9).Select(i => $"<!ENTITY l{i} \"{string.Concat(Enumerable.Repeat($"&l{i - 1};", 10))}\">"));
        return $"<!DOCTYPE d [<!ENTITY l0 \"lol\">{entities}]><DoNotDisturbEvent><device>&l9;</device><doNotDisturbOn>true</doNotDisturbOn></DoNotDisturbEvent>";
    }
}
