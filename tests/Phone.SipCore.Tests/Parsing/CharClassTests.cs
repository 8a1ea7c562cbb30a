using Phone.SipCore.Parsing;

namespace Phone.SipCore.Tests.Parsing;

/// <summary>
/// The parser's byte class table is data compiled into the assembly; these hold each class to
/// the character list the grammar gives (RFC 3261 25.1, 19.1.1; RFC 5118 4.5), for all 256 bytes.
/// </summary>
public sealed class CharClassTests
{
    private const string AlphaNum = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

    // By name: CharClass is internal, and a public theory cannot take it as a parameter.
    public static TheoryData<string, string> Classes => new()
    {
        { "Token", AlphaNum + "-.!%*_+`'~" },
        { "White", " \t\r\n" },
        { "Host", AlphaNum + "-." },
        { "Digit", "0123456789" },
        { "UriParam", AlphaNum + "-_.!~*'()[]/:&+$%" },
        { "HeaderValue", AlphaNum + "-.!%*_+`'~:[]" },
        { "UserPlain", AlphaNum + "-_.!~*'()&=+$,;?/" },
    };

    [Theory]
    [MemberData(nameof(Classes))]
    public void Each_class_holds_exactly_its_grammar_characters(string name, string members)
    {
        var charClass = Enum.Parse<CharClass>(name);
        for (var b = 0; b < 256; b++)
        {
            Assert.True(members.Contains((char)b, StringComparison.Ordinal) == CharClasses.Is((byte)b, charClass),
                $"byte 0x{b:X2} in {charClass}");
        }
    }

    [Fact]
    public void Skip_stops_at_the_first_byte_outside_the_class_or_at_the_end()
    {
        Assert.Equal(3, CharClasses.Skip("Via: x"u8, 0, CharClass.Token));
        Assert.Equal(6, CharClasses.Skip("a.b-c1"u8, 0, CharClass.Host));
        Assert.Equal(2, CharClasses.Skip("ab"u8, 2, CharClass.Token));
    }
}
