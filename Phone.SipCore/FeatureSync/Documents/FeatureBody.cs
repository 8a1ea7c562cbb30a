namespace Phone.SipCore.FeatureSync.Documents;

/// <summary>
/// What one NOTIFY body held: the documents that read well, and a reason for each part that
/// did not. A body with no content is <see cref="IsEmpty"/>: "nothing known yet", not
/// "everything off" (docs/protocol.md section 5).
/// </summary>
public sealed record FeatureBody(IReadOnlyList<FeatureDocument> Documents, IReadOnlyList<string> Errors)
{
    public static FeatureBody Empty { get; } = new([], []);

    public bool IsEmpty => Documents.Count == 0 && Errors.Count == 0;
}
