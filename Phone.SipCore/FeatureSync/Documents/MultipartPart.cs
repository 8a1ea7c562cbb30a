namespace Phone.SipCore.FeatureSync.Documents;

/// <summary>One body part of a <c>multipart/mixed</c> NOTIFY: its content type (null if absent) and content.</summary>
public sealed record MultipartPart(string? ContentType, ReadOnlyMemory<byte> Content);
