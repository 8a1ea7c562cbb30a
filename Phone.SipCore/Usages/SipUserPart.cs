using System.Text;

namespace Phone.SipCore.Usages;

/// <summary>Escaping of the user part of a SIP URI built from digits a user typed.</summary>
internal static class SipUserPart
{
    // RFC 3261 25.1: user = 1*( unreserved / escaped / user-unreserved ).
    private const string Marks = "-_.!~*'()";
    private const string UserUnreserved = "&=+$,;?/";

    /// <summary>
    /// Escapes every character the user part may not carry raw, as UTF-8 %XX: "*72" stays,
    /// "#" becomes "%23" (a raw "#" is not allowed in a SIP URI).
    /// </summary>
    public static string Escape(string user)
    {
        var builder = new StringBuilder(user.Length + 8);
        foreach (var b in Encoding.UTF8.GetBytes(user))
        {
            var c = (char)b;
            if (b < 0x80 && (char.IsAsciiLetterOrDigit(c) || Marks.Contains(c, StringComparison.Ordinal)
                || UserUnreserved.Contains(c, StringComparison.Ordinal)))
            {
                builder.Append(c);
            }
            else
            {
                builder.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }
        return builder.ToString();
    }
}
