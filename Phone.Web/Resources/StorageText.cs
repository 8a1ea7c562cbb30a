namespace Phone.Web.Resources;

/// <summary>
/// Marker for the texts about storage (StorageText.resx, StorageText.zh-CN.resx): a change that could
/// not be stored (<c>NotStored.*</c>) and the banner after start-up replaced a damaged database (<c>Recovery.*</c>).
/// </summary>
public sealed class StorageText
{
}
