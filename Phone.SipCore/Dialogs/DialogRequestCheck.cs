namespace Phone.SipCore.Dialogs;

/// <summary>What the dialog says of an in-dialog request before any usage sees it (RFC 3261 12.2.2).</summary>
public readonly record struct DialogRequestCheck(int? RefuseWith, string? Reason)
{
    public static readonly DialogRequestCheck Accepted = new(null, null);

    public bool IsAccepted => RefuseWith is null;

    public static DialogRequestCheck Refuse(int status, string reason) => new(status, reason);
}
