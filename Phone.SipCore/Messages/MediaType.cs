namespace Phone.SipCore.Messages;

/// <summary>Content-Type (RFC 3261 20.15): type/subtype with parameters such as the
/// multipart boundary (RFC 2046 5.1.1) and charset.</summary>
public sealed record MediaType(string Type, string Subtype, SipParameters Parameters)
{
    public string? Boundary => Parameters.Get("boundary");

    /// <summary>"type/subtype" without parameters.</summary>
    public string MimeType => Type + "/" + Subtype;

    /// <summary>Media types compare case-insensitively (RFC 2045 5.1).</summary>
    public bool Is(string mimeType) => string.Equals(MimeType, mimeType, StringComparison.OrdinalIgnoreCase);
}
