namespace Phone.SipCore.FeatureSync.Documents;

/// <summary>The outcome of reading one XML document: a document, or the reason it was refused.</summary>
public sealed record FeatureDocumentResult
{
    private FeatureDocumentResult(FeatureDocument? document, string? error)
    {
        Document = document;
        Error = error;
    }

    public FeatureDocument? Document { get; }

    /// <summary>Why the document was refused; null on success.</summary>
    public string? Error { get; }

    public bool Success => Document is not null;

    public static FeatureDocumentResult Ok(FeatureDocument document) => new(document, null);

    public static FeatureDocumentResult Fail(string error) => new(null, error);
}
