using System.Text;
using System.Text.RegularExpressions;
using Phone.TestSupport;

namespace Phone.SipCore.Tests.FeatureSync;

/// <summary>
/// Feature documents to compare the two readers on: the shapes the protocol reference and the
/// bench show, every document the sipp scenarios and the SIP core's tests carry (found in their
/// files at run time, so a new sample is covered without listing it here), and generated variants
/// of spelling, namespaces, layout, quoting, entities and values.
/// </summary>
internal static partial class FeatureXmlCorpus
{
    public const string Hyphen = "http://www.ecma-international.org/standards/ecma-323/csta/ed3";
    public const string NoHyphen = "http://www.ecmainternational.org/standards/ecma-323/csta/ed3";

    /// <summary>shared/bench/notify-as-feature-event.sip's body, and a forward of the same style.</summary>
    public const string BenchDnd =
        "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\r\n" +
        $"<DoNotDisturbEvent xmlns=\"{Hyphen}\"><device>2001</device><doNotDisturbOn>true</doNotDisturbOn></DoNotDisturbEvent>";

    public const string BenchForwarding =
        "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\r\n" +
        $"<ForwardingEvent xmlns=\"{Hyphen}\"><device>2001</device><forwardingType>forwardNoAns</forwardingType>" +
        "<forwardStatus>true</forwardStatus><forwardTo>1001</forwardTo><ringCount>4</ringCount></ForwardingEvent>";

    /// <summary>The documents of /work/shared/docs/protocol.md section 1, as printed there (indented).</summary>
    public static readonly string[] SpecExamples =
    [
        $"<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n<DoNotDisturbEvent xmlns=\"{Hyphen}\">\n  <device>2001</device>\n  <doNotDisturbOn>false</doNotDisturbOn>\n</DoNotDisturbEvent>\n",
        $"<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n<ForwardingEvent xmlns=\"{Hyphen}\">\n  <device>2001</device>\n  <forwardingType>forwardNoAns</forwardingType>\n  <forwardStatus>true</forwardStatus>\n  <forwardTo>1001</forwardTo>\n  <ringCount>4</ringCount>\n</ForwardingEvent>\n",
        $"<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n<SetForwarding xmlns=\"{Hyphen}\">\n  <device>2001</device>\n  <activateForward>true</activateForward>\n  <forwardingType>forwardImmediate</forwardingType>\n  <forwardDN>2424</forwardDN>\n  <ringCount></ringCount>\n</SetForwarding>",
        $"<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\r\n<SetForwarding xmlns=\"{Hyphen}\"><device>2001</device><activateForward>true</activateForward><forwardingType>forwardImmediate</forwardingType><forwardDN>2424</forwardDN><ringCount></ringCount></SetForwarding>",
        $"<SetDoNotDisturb xmlns=\"{NoHyphen}\"><device>2001</device><doNotDisturbOn>true</doNotDisturbOn></SetDoNotDisturb>",
        $"<AgentReadyEvent xmlns=\"{Hyphen}\"><device>2001</device></AgentReadyEvent>",
        $"<SetAgentState xmlns=\"{Hyphen}\"><device>2001</device><requestedAgentState>ready</requestedAgentState></SetAgentState>",
    ];

    /// <summary>Corners of XML and XML Namespaces where a hand-written scanner could part from XmlReader.</summary>
    public static readonly string[] EdgeCases =
    [
        "<xmlns><device>1</device></xmlns>", "<xml><device>1</device></xml>", "<XmlThing><device>1</device></XmlThing>",
        "<a:b:c xmlns:a=\"u\"/>", "<a: xmlns:a=\"u\"/>", "<:a/>", "<a xmlns:=\"u\"/>", "<a xmlns:a=\"u\" xmlns:b=\"u\"><a:device>1</a:device></a>",
        "<DoNotDisturbEvent xmlns=\"u\" xmlns:x=\"u\"><x:device>1</x:device><device>2</device><doNotDisturbOn>1</doNotDisturbOn></DoNotDisturbEvent>",
        "<DoNotDisturbEvent\n><device\t>1</device\r\n><doNotDisturbOn>0</doNotDisturbOn ></DoNotDisturbEvent >",
        "<DoNotDisturbEvent><device>&#x10FFFF;&#65536;</device><doNotDisturbOn>1</doNotDisturbOn></DoNotDisturbEvent>",
        "<a><device>&#xFFFE;</device></a>", "<a><device>&#x110000;</device></a>", "<a><device>&#00000000065;</device></a>",
        "<a><device>&#0000065;</device></a>", "<a><device>&#X41;</device></a>", "<a><device>&#x;</device></a>", "<a><device>&#;</device></a>",
        "<a><device>&amp</device></a>", "<a><device>& amp;</device></a>", "<a><device>&#xD7FF;&#xE000;&#xFFFD;</device></a>",
        "<a><device>&#9;&#10;&#13;&#x85;&#x2028;</device></a>", "<a><device>\u0085\u2028x\u2029\u3000</device></a>",
        "<a><device>\U0001F600 \uFFFD</device></a>", "<_a.b-c><device>1</device></_a.b-c>", "<a1><b2/></a1>", "<Root xmlns:x=\"u\"><x:device/></Root>",
        "<DoNotDisturbEvent a=\"&#60;\"><device>1</device></DoNotDisturbEvent>", "<DoNotDisturbEvent a=\"x>y\" b='\"'><device>1</device></DoNotDisturbEvent>",
        "<DoNotDisturbEvent xml:lang=\"en\"><device>1</device></DoNotDisturbEvent>", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><?xml version=\"1.0\"?><a/>",
        "<a/>", "<a></a>", "<a> </a>", "<a>text</a>", " \r\n<a><device>1</device></a>", "\t<a/>\n\n",
        "<DoNotDisturbEvent><device>1</device><device>2</device><doNotDisturbOn>true</doNotDisturbOn></DoNotDisturbEvent>",
        "<a><device>]]</device></a>", "<a><device>]></device></a>", "<a><device>]]]></device></a>", "<a><device>]</device></a>",
        "<a><device>\u007F</device></a>", "<a><device>\u0080\u009F</device></a>", "<a><device>\u00A0</device></a>",
        "<a><device>a\r\n\r\nb\r</device></a>", "<a><device>\r&#13;\r\n&#10;</device></a>", "<a ><device/></a  >", "<a/ >", "<a\t/>",
        "<a b=\"1\"/>", "<a b = '1' c\t=\t\"2\"/>", "<a b=\"\"/>", "<a xmlns=\"\"><device>1</device></a>", "<a xmlns:p=\"u\"><p:device>1</p:device></a>",
        "<p:a xmlns:p=\"u\"><q:device xmlns:q=\"u\">1</q:device></p:a>", "<a><p:device>1</p:device></a>", "<A><device>1</device></a>",
    ];

    /// <summary>Every ECMA-323 document in the sipp scenarios (tests/Phone.Interop.Tests/Scenarios).</summary>
    public static IReadOnlyList<string> ScenarioDocuments() => Find(Path.Combine("tests", "Phone.Interop.Tests", "Scenarios"), "*.xml", unescape: false);

    /// <summary>Every ECMA-323 document written as a C# string in the SIP core's tests (interpolations left as they are).</summary>
    public static IReadOnlyList<string> TestSourceDocuments() => Find(Path.Combine("tests", "Phone.SipCore.Tests"), "*.cs", unescape: true);

    /// <summary>Everything above plus the generated variants, without repeats.</summary>
    public static IReadOnlyList<string> All() =>
        [.. new[] { BenchDnd, BenchForwarding }.Concat(SpecExamples).Concat(EdgeCases).Concat(ScenarioDocuments()).Concat(TestSourceDocuments()).Concat(Variants()).Distinct()];

    /// <summary>
    /// The cross product of declarations, namings, layouts and documents: shapes the fast path
    /// must get right or decline (several are malformed on purpose).
    /// </summary>
    public static IEnumerable<string> Variants()
    {
        string[] declarations =
        [
            "", "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\r\n", "<?xml version='1.0' encoding='UTF-8' ?>\n",
            "<?xml version = \"1.0\"?>", "<?xml version=\"1.0\" encoding=\"utf-8\" standalone=\"yes\"?>", "<?xml version=\"1.1\"?>",
            "\uFEFF<?xml version=\"1.0\"?>", " <?xml version=\"1.0\"?>", "<?xml version=\"1.0\" encoding=\"UTF-16\"?>",
            "<!-- a comment -->", "<?pi x?>",
        ];
        (string Prefix, string Attributes)[] namings =
        [
            ("", $" xmlns=\"{Hyphen}\""), ("", $" xmlns='{NoHyphen}'"), ("", ""), ("x:", $" xmlns:x=\"{Hyphen}\""),
            ("csta:", $"\txmlns=\"{Hyphen}\"\r\n  xmlns:csta = '{Hyphen}' "), ("y:", ""), ("", " xmlns=\"a\" xmlns=\"b\""),
            ("", " a=\"1\" b='2'"), ("", " a=\"1\"b='2'"), ("", " a=1"), ("", " a=\"x&amp;y\""), ("", " x:a=\"1\""),
            ("", " xmlns:xml=\"http://www.w3.org/XML/1998/namespace\""), ("p:", " xmlns:p=\"\""), ("", " xmlns=\"http://www.w3.org/2000/xmlns/\""),
        ];
        string[] layouts = ["", "\n  ", "\r\n\t"];
        foreach (var (root, children) in Documents())
        {
            foreach (var declaration in declarations)
            {
                foreach (var (prefix, attributes) in namings)
                {
                    foreach (var gap in layouts)
                    {
                        var body = new StringBuilder($"{declaration}<{prefix}{root}{attributes}>");
                        foreach (var child in children)
                        {
                            body.Append(gap).Append(child.Replace("<", "<" + prefix).Replace("<" + prefix + "/", "</" + prefix));
                        }
                        yield return body.Append(gap == "" ? "" : "\n").Append($"</{prefix}{root}>").Append(gap).ToString();
                    }
                }
            }
        }
    }

    /// <summary>Roots and their children, with values that trim, decode, repeat or fail.</summary>
    private static IEnumerable<(string Root, string[] Children)> Documents()
    {
        yield return ("DoNotDisturbEvent", ["<device>2001</device>", "<doNotDisturbOn>true</doNotDisturbOn>"]);
        yield return ("DoNotDisturbEvent", ["<device >&#50;001</device >", "<doNotDisturbOn>\r\n TRUE \r\n</doNotDisturbOn>"]);
        yield return ("DoNotDisturbEvent", ["<device/>", "<doNotDisturbOn>&#x20;1&#32;</doNotDisturbOn>", "<doNotDisturbOn>false</doNotDisturbOn>"]);
        yield return ("DoNotDisturbEvent", ["<device>Z\u00FCrich \u6771\u4EAC</device>", "<doNotDisturbOn>\u00A0false\u2003</doNotDisturbOn>"]);
        yield return ("DoNotDisturbEvent", ["<device>1</device>", "<doNotDisturbOn>maybe</doNotDisturbOn>"]);
        yield return ("DoNotDisturbEvent", ["<device>1</device>"]);
        yield return ("SetDoNotDisturb", ["<doNotDisturbOn>0</doNotDisturbOn>", "<device>a&amp;b&lt;c&gt;d&quot;e&apos;f</device>"]);
        yield return ("ForwardingEvent", ["<device>2001</device>", "<forwardingType>forwardNoAns</forwardingType>", "<forwardStatus>true</forwardStatus>", "<forwardTo>1001</forwardTo>", "<ringCount>4</ringCount>"]);
        yield return ("ForwardingEvent", ["<device>2001</device>", "<forwardingType> FORWARDALWAYS </forwardingType>", "<forwardStatus>false</forwardStatus>", "<forwardTo/>", "<ringCount />"]);
        yield return ("ForwardingEvent", ["<forwardingType>forwardBusy</forwardingType>", "<forwardStatus>1</forwardStatus>", "<forwardTo>line\r\none\rtwo</forwardTo>", "<ringCount>21</ringCount>"]);
        yield return ("ForwardingEvent", ["<forwardingType>forwardSometimes</forwardingType>", "<forwardStatus>true</forwardStatus>"]);
        yield return ("ForwardingEvent", ["<forwardingType>forwardNoAnswer</forwardingType>", "<forwardStatus>true</forwardStatus>", "<ringCount>abc</ringCount>"]);
        yield return ("ForwardingEvent", ["<forwardingType>forwardNoAns</forwardingType>", "<forwardStatus>true</forwardStatus>", "<ringCount>&#49;&#x35;</ringCount>", "<extra>ignored</extra>"]);
        yield return ("ForwardingEvent", ["<forwardStatus>true</forwardStatus>"]);
        yield return ("SetForwarding", ["<device>2001</device>", "<activateForward>true</activateForward>", "<forwardingType>forwardImmediate</forwardingType>", "<forwardDN> 2424 </forwardDN>", "<ringCount></ringCount>"]);
        yield return ("SetForwarding", ["<device>2001</device>", "<activateForward>yes</activateForward>", "<forwardingType>forwardBusy</forwardingType>"]);
        yield return ("AgentReadyEvent", ["<device>2001</device>"]);
        yield return ("SomeFutureFeatureEvent", ["<device>2001</device>", "<whatever>1</whatever>", "<other/>"]);
        yield return ("Empty", []);
        yield return ("DoNotDisturbEvent", ["<device>1 ]]> 2</device>", "<doNotDisturbOn>true</doNotDisturbOn>"]);
        yield return ("DoNotDisturbEvent", ["<device>1 &unknown; 2</device>", "<doNotDisturbOn>true</doNotDisturbOn>"]);
        yield return ("DoNotDisturbEvent", ["<device>&#0;</device>", "<doNotDisturbOn>true</doNotDisturbOn>"]);
        yield return ("DoNotDisturbEvent", ["<device><![CDATA[x]]></device>", "<doNotDisturbOn>true</doNotDisturbOn>"]);
        yield return ("DoNotDisturbEvent", ["<device><!-- c -->1</device>", "<doNotDisturbOn>true</doNotDisturbOn>"]);
        yield return ("DoNotDisturbEvent", ["<device><n>1</n></device>", "<doNotDisturbOn>true</doNotDisturbOn>"]);
        yield return ("DoNotDisturbEvent", ["<device a=\"1\">1</device>", "<doNotDisturbOn>true</doNotDisturbOn>"]);
        yield return ("DoNotDisturbEvent", ["<device>1</Device>", "<doNotDisturbOn>true</doNotDisturbOn>"]);
        yield return ("DoNotDisturbEvent", ["text", "<device>1</device>", "<doNotDisturbOn>true</doNotDisturbOn>"]);
        yield return ("DoNotDisturbEvent", ["<device>1 > 0</device>", "<doNotDisturbOn>true</doNotDisturbOn>"]);
    }

    private static List<string> Find(string folder, string pattern, bool unescape)
    {
        var documents = new List<string>();
        foreach (var file in Directory.EnumerateFiles(Path.Combine(RepositoryRoot.Path, folder), pattern, SearchOption.AllDirectories))
        {
            var text = File.ReadAllText(file);
            if (unescape)
            {
                // Join "a" + "b" and $"a" + $"b" and undo the escapes, so a document split over lines is whole again.
                text = Concatenation().Replace(text, "").Replace("\\\"", "\"").Replace("\\r", "\r").Replace("\\n", "\n");
            }
            documents.AddRange(Document().Matches(text).Select(m => m.Value));
        }
        return documents;
    }

    /// <summary>
    /// An optional declaration, then an element whose name starts with a capital (as every ECMA-323
    /// root does) with a child, to its end tag.
    /// </summary>
    [GeneratedRegex("""(<\?xml[^>]*\?>\s*)?<(?<root>[A-Z][A-Za-z]+)(\s[^<>]*)?><[a-z].*?</\k<root>>""", RegexOptions.Singleline)]
    private static partial Regex Document();

    [GeneratedRegex("""["]\s*\+\s*[$@]*["]""")]
    private static partial Regex Concatenation();
}
