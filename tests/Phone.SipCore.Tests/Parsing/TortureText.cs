using System.Text;
using System.Text.RegularExpressions;

namespace Phone.SipCore.Tests.Parsing;

/// <summary>
/// Turns a message written as in RFC 4475 section 2 into wire bytes: line ends become
/// CRLF, &lt;allOneLine&gt; joins its lines (2.1), &lt;hex&gt; inserts bytes (2.2) and
/// &lt;repeat count=N&gt; repeats text (2.3). Other text is UTF-8.
/// </summary>
internal static partial class TortureText
{
    public static byte[] Expand(string text)
    {
        text = text.Replace("\r\n", "\n");
        text = AllOneLine().Replace(text, m => m.Groups[1].Value.Replace("\n", ""));
        text = Repeat().Replace(text, m => string.Concat(Enumerable.Repeat(m.Groups[2].Value, int.Parse(m.Groups[1].Value))));
        text = text.Replace("\n", "\r\n");
        var output = new List<byte>();
        var last = 0;
        foreach (Match match in Hex().Matches(text))
        {
            output.AddRange(Encoding.UTF8.GetBytes(text[last..match.Index]));
            output.AddRange(Convert.FromHexString(match.Groups[1].Value));
            last = match.Index + match.Length;
        }
        output.AddRange(Encoding.UTF8.GetBytes(text[last..]));
        return output.ToArray();
    }

    /// <summary>Messages in tests are CRLF text with no special markup.</summary>
    public static byte[] Lines(params string[] lines) => Encoding.UTF8.GetBytes(string.Join("\r\n", lines));

    [GeneratedRegex(@"<allOneLine>\n?(.*?)\n?</allOneLine>", RegexOptions.Singleline)]
    private static partial Regex AllOneLine();

    [GeneratedRegex(@"<repeat count=(\d+)>(.*?)</repeat>", RegexOptions.Singleline)]
    private static partial Regex Repeat();

    [GeneratedRegex(@"<hex>([0-9A-Fa-f]*)</hex>")]
    private static partial Regex Hex();
}
