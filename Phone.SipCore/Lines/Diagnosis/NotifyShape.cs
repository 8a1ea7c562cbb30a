using Phone.SipCore.FeatureSync.Documents;

namespace Phone.SipCore.Lines.Diagnosis;

/// <summary>
/// How the current subscription's NOTIFYs came (docs/protocol.md 1.2): the documents of the first
/// NOTIFY with a body, how many NOTIFYs carried one, and how many had none.
/// </summary>
public sealed record NotifyShape(int FirstDocuments, int WithBody, int Empty)
{
    public static NotifyShape None { get; } = new(0, 0, 0);

    public NotifyShape With(FeatureBody body)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (body.IsEmpty)
        {
            return this with { Empty = Empty + 1 };
        }
        return WithBody == 0
            ? this with { FirstDocuments = body.Documents.Count, WithBody = 1 }
            : this with { WithBody = WithBody + 1 };
    }

    /// <summary>The <see cref="DiagnosisCodes.Details"/> code of this shape.</summary>
    public string Code => WithBody == 0 ? DiagnosisCodes.Details.Empty
        : FirstDocuments > 1 ? DiagnosisCodes.Details.Multipart
        : WithBody > 1 ? DiagnosisCodes.Details.PerFeature
        : DiagnosisCodes.Details.OneDocument;
}
