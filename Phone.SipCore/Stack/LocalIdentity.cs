using Phone.SipCore.Dialogs;

namespace Phone.SipCore.Stack;

/// <summary>
/// One local identity (a line): its user part and the token its Contact carries as the
/// <c>line</c> URI parameter, with the owner and handler of its out-of-dialog requests.
/// Two lines with the same user on two servers differ by token (Snom's <c>line=</c> parameter
/// does the same; RFC 5626 uses <c>+sip.instance</c>).
/// </summary>
public sealed record LocalIdentity(string User, string? Token, DialogOwner Owner, IIncomingRequestHandler Handler)
{
    /// <summary>The Contact URI parameter that carries the token.</summary>
    public const string TokenParameter = "line";
}
