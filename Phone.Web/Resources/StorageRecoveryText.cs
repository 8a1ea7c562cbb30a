namespace Phone.Web.Resources;

/// <summary>
/// Marker for <c>StorageRecoveryText.resx</c> (English) and <c>StorageRecoveryText.zh-CN.resx</c>:
/// the banner shown after start-up replaced a damaged database.
/// </summary>
public sealed class StorageRecoveryText;
