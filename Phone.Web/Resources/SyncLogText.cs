namespace Phone.Web.Resources;

/// <summary>
/// Marker for <c>SyncLogText.resx</c> (English) and <c>SyncLogText.zh-CN.resx</c> (Chinese): one
/// sentence per sync log event code (<c>SyncLog.&lt;Code&gt;</c>), one per status phrase code
/// (<c>Phrase.&lt;Code&gt;</c>) and the words for feature values.
/// </summary>
public sealed class SyncLogText;
