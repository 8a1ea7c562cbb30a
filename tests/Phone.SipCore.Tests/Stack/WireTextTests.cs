using Phone.SipCore.Messages;

namespace Phone.SipCore.Tests.Stack;

public sealed class WireTextTests
{
    [Theory]
    [InlineData("a\r\nb", "a\\r\\nb")]
    [InlineData("tab\there", "tab\\there")]
    [InlineData("nul\0esc\u001B[31mdel\u007F", "nul\\x00esc\\x1B[31mdel\\x7F")]
    [InlineData("c1\u0085\u009B", "c1\\x85\\x9B")]
    [InlineData("ls\u2028ps\u2029", "ls\\u2028ps\\u2029")]
    [InlineData("plain: \"quoted\" ü 电话", "plain: \"quoted\" ü 电话")]
    public void Control_characters_are_escaped_and_other_text_is_kept(string text, string expected) =>
        Assert.Equal(expected, WireText.ForLog(text));

    [Fact]
    public void Long_text_is_cut_with_a_mark_and_an_escape_is_never_split()
    {
        var cut = WireText.ForLog(new string('x', 199) + "\r" + new string('y', 500));

        Assert.Equal(new string('x', 199) + "…", cut);
        Assert.Equal(WireText.MaxLogLength, WireText.ForLog(new string('z', 1000)).Length - 1);
        Assert.Equal("ab", WireText.ForLog("ab"));
    }

    [Fact]
    public void A_surrogate_pair_is_cut_whole()
    {
        var cut = WireText.ForLog("abc😀", maxLength: 4);

        Assert.Equal("abc…", cut);
    }
}
