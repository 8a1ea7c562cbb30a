namespace Phone.Web.Resources;

/// <summary>
/// Marker for <c>PageText.resx</c> (English) and <c>PageText.zh-CN.resx</c> (Chinese), used through
/// <c>IStringLocalizer&lt;PageText&gt;</c>.
/// </summary>
public sealed class PageText;
