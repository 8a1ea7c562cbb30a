namespace Phone.Web.Resources;

/// <summary>
/// Marker for <c>ValidationText.resx</c> (English) and <c>ValidationText.zh-CN.resx</c> (Chinese):
/// the shared validators' messages by error code (<c>Validation.&lt;code&gt;</c>, codes in
/// Phone.SipCore's ValidationCodes) and the validated fields' names (<c>Field.&lt;Property&gt;</c>).
/// </summary>
public sealed class ValidationText;
