namespace Phone.Web.Resources;

/// <summary>Marker for the SIP ladder's and the capture button's texts (LadderText.resx, LadderText.zh-CN.resx).</summary>
public sealed class LadderText;
