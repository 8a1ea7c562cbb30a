namespace Phone.Web.Resources;

/// <summary>Marker for the texts about storing a change (StorageText.resx, StorageText.zh-CN.resx).</summary>
public sealed class StorageText
{
}
