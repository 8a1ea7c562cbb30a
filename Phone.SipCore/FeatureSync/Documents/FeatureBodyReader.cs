namespace Phone.SipCore.FeatureSync.Documents;

/// <summary>
/// Reads a NOTIFY (or INFO) body in any of the shapes servers send: one document, or
/// <c>multipart/mixed</c> with any boundary. A malformed part is reported while the
/// well-formed parts still apply.
/// </summary>
public static class FeatureBodyReader
{
    /// <summary>Whole bodies above this are refused unread (a full state is about 1 KB).</summary>
    public const int MaxBodyBytes = 64 * 1024;

    /// <param name="mediaType">The Content-Type's type/subtype, e.g. <c>multipart/mixed</c>; null when absent.</param>
    /// <param name="boundary">The Content-Type's boundary parameter, for multipart bodies.</param>
    /// <param name="body">The message body.</param>
    public static FeatureBody Read(string? mediaType, string? boundary, ReadOnlyMemory<byte> body)
    {
        if (IsBlank(body.Span))
        {
            return FeatureBody.Empty;
        }
        if (body.Length > MaxBodyBytes)
        {
            return new FeatureBody([], [$"body of {body.Length} bytes exceeds the {MaxBodyBytes}-byte limit"]);
        }
        if (mediaType is not null && mediaType.StartsWith("multipart/", StringComparison.OrdinalIgnoreCase))
        {
            if (!MultipartReader.TryRead(body.Span, boundary ?? "", out var parts, out var error))
            {
                return new FeatureBody([], [error!]);
            }
            var documents = new List<FeatureDocument>();
            var errors = new List<string>();
            for (var i = 0; i < parts.Count; i++)
            {
                if (IsBlank(parts[i].Content.Span))
                {
                    continue;
                }
                var result = FeatureDocumentReader.Read(parts[i].Content);
                if (result.Success)
                {
                    documents.Add(result.Document!);
                }
                else
                {
                    errors.Add($"part {i + 1}: {result.Error}");
                }
            }
            return new FeatureBody(documents, errors);
        }
        var single = FeatureDocumentReader.Read(body);
        return single.Success ? new FeatureBody([single.Document!], []) : new FeatureBody([], [single.Error!]);
    }

    private static bool IsBlank(ReadOnlySpan<byte> data)
    {
        foreach (var b in data)
        {
            if (b is not ((byte)' ' or (byte)'\r' or (byte)'\n' or (byte)'\t'))
            {
                return false;
            }
        }
        return true;
    }
}
