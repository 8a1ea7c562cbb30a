namespace Phone.Web.Resources;

/// <summary>
/// Marker for <c>ApiText.resx</c> (English) and <c>ApiText.zh-CN.resx</c> (Chinese), used through
/// <c>IStringLocalizer&lt;ApiText&gt;</c>.
/// </summary>
public sealed class ApiText;
