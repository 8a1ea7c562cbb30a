namespace Phone.SipCore.Dialogs;

/// <summary>RFC 3261 12: a dialog is identified by the Call-ID and the local and remote tags.</summary>
public readonly record struct DialogId(string CallId, string LocalTag, string RemoteTag)
{
    public override string ToString() => $"{CallId};local={LocalTag};remote={RemoteTag}";
}
