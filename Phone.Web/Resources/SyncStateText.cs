namespace Phone.Web.Resources;

/// <summary>
/// Marker for <c>SyncStateText.resx</c>: labels of feature-sync states added after the texts moved
/// to resource files (e.g. <c>FeatureStanding.NotReported</c>), used through <c>IStringLocalizer</c>.
/// </summary>
public sealed class SyncStateText;
